/**
 * The deconvolutional network of Zeiler, Krishnan, Taylor and Fergus (2010), seed 004's "Training the
 * deconvolutional neural network (1)–(4)": an image y (channels y_k) is reconstructed from sparse feature
 * maps z_i by ŷ_k = Σ_i z_i ∗ f_{i,k}, and
 * J(θ) = λ/2 Σ_y Σ_k ‖Σ_i z_i ∗ f_{i,k} − y_k‖² + Σ_y Σ_i |z_i|^p
 * is minimised over z by ISTA or FISTA (Beck and Teboulle 2009) with the filters fixed
 * ({@link org.bidizoo.zoo.deconvnet.SparseInference}), and over the filters by projected gradient steps, each
 * filter kept at unit norm ({@link org.bidizoo.zoo.deconvnet.DeconvNetTrainer}).
 *
 * <p>Not a {@code ComputationGraph} zoo model: z is not a function of the input that a layer computes but the
 * solution of an optimisation problem per image, and the filters are learned by alternating minimisation, not by
 * backpropagating a loss through a graph — so it is a library trainer of its own, on the transposed-convolution
 * kernels of {@code layers.runtime.ConvKernels}.
 */
package org.bidizoo.zoo.deconvnet;
