package org.bidizoo.ui.server;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fixed data the dashboard's listeners show, in the graph's input layout.
 *
 * @param gallery      gallery images {@code [g, ...]}, values in [0, 1]
 * @param occluded     the gallery images occluded (same shape), or null
 * @param occludedMask 1 where hidden, 0 where visible (same number of values), or null
 * @param channels     image channels
 * @param height       image height
 * @param width        image width
 * @param tsneFeatures labeled sample for t-SNE {@code [n, ...]}
 * @param tsneLabels   its classes {@code [n]} or one-hot {@code [n, classes]}
 */
public record DashboardSample(INDArray gallery, INDArray occluded, INDArray occludedMask, int channels, int height,
                              int width, INDArray tsneFeatures, INDArray tsneLabels) {
}
