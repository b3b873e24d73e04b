/**
 * Restricted Boltzmann machines and deep belief networks (seed 004): {@link org.bidizoo.layers.rbm.RbmLayer}, a
 * DL4J pretrain layer trained by CD-k or persistent CD through DL4J's own {@code pretrain}, with binary or Gaussian
 * visible units; {@link org.bidizoo.layers.rbm.Rbm}, the energy model; {@link
 * org.bidizoo.layers.rbm.RbmLikelihood}, exact log Z by enumeration and pseudo-log-likelihood; {@link
 * org.bidizoo.layers.rbm.AnnealedImportanceSampling}, the AIS estimate of log Z for RBMs too large to enumerate; {@link
 * org.bidizoo.layers.rbm.DeepBeliefNet}, greedy stacking, generation, and the DBN-versus-DBM distinction.
 */
package org.bidizoo.layers.rbm;
