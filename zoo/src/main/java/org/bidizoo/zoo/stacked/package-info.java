/**
 * Stacked autoencoders (seed 004, "Stack of autoencoders"): greedy layer-wise pretraining, each level an
 * autoencoder on the codes of the level below ({@link org.bidizoo.zoo.stacked.StackedAutoencoder}), and the
 * few-label comparison of pretrained encoders fine-tuned as classifiers against random initialisation
 * ({@link org.bidizoo.zoo.stacked.FewLabelComparison}).
 */
package org.bidizoo.zoo.stacked;
