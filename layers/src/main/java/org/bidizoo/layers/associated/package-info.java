/**
 * Associated Learning (Wu's thesis, Ch. 2): blocks of f_i, g_i, h_i and a bridge b_i with local
 * losses and stop-gradients at block boundaries, built as an ordinary DL4J ComputationGraph
 * ({@link org.bidizoo.layers.associated.AssociatedLearning}), its prediction path and parameter
 * accounting ({@link org.bidizoo.layers.associated.AssociatedNetwork}), vertex names
 * ({@link org.bidizoo.layers.associated.AssociatedNames}) and the stop-gradient vertex.
 */
package org.bidizoo.layers.associated;
