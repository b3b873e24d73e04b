/**
 * Barnes-Hut t-SNE over {@code double[][]} or ND4J arrays: {@link org.bidizoo.zoo.analysis.tsne.Tsne}, seeded and
 * deterministic, and {@link org.bidizoo.zoo.analysis.tsne.LayerMaps} for t-SNE maps of any ComputationGraph's layers.
 */
package org.bidizoo.zoo.analysis.tsne;
