/**
 * Barnes-Hut t-SNE over {@code double[][]} or ND4J arrays: {@link org.bidizoo.ui.tsne.Tsne}, seeded and
 * deterministic, and {@link org.bidizoo.ui.tsne.LayerMaps} for t-SNE maps of any ComputationGraph's layers.
 */
package org.bidizoo.ui.tsne;
