/**
 * Xu's LMSER as seed 001 describes it, on plain arrays: the perception phase run to its fixed point
 * with the energy J_net of eqn (3) ({@link org.bidizoo.layers.lmser.xu.Perception}), the local LMSER
 * learning rule of eqn (10a) and its stochastic form for several layers
 * ({@link org.bidizoo.layers.lmser.xu.LocalLmserRule}), the one-layer linear rules (LMSER, Oja's subspace
 * rule, the symmetry-broken LMSER rule that finds the eigenvectors themselves) and top-down attention
 * and imaginary recall. Weights follow DL4J's orientation: level k maps activity k to k+1 by
 * {@code y = z W + b}, {@code W: [n_k, n_{k+1}]} (the transpose of Xu's matrices).
 */
package org.bidizoo.layers.lmser.xu;
