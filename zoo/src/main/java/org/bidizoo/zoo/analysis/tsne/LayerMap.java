package org.bidizoo.zoo.analysis.tsne;

import org.bidizoo.zoo.analysis.metrics.ClassDistances;

/**
 * The t-SNE map of one layer's activations.
 *
 * @param layer     the layer or vertex name
 * @param points    the map {@code [n][2]}
 * @param labels    class of each point {@code [n]}
 * @param distances inter/intra-class distances of the activations themselves (not of the map)
 */
public record LayerMap(String layer, double[][] points, int[] labels, ClassDistances distances) {
}
