package org.bidizoo.layers.rbm;

/** What an {@link RbmLayer} outputs in a network's forward pass. */
public enum RbmOutput {
    /**
     * The hidden mean activation p(h = 1 | x), {@code [b, nHidden]}: the RBM as an encoder (a DBN's layers,
     * fine-tuned by backprop like a dense sigmoid layer).
     */
    HIDDEN,
    /**
     * The mean-field reconstruction E[v | h = p(h = 1 | x)], {@code [b, nVisible]}: the RBM watched as an
     * autoencoder. Forward only; the parameters are trained by contrastive divergence (pretraining).
     */
    RECONSTRUCTION
}
