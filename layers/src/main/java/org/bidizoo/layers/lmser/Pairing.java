package org.bidizoo.layers.lmser;

/**
 * What a paired neuron adds to the top-down signal u in the top-down pass (DPN on).
 */
public enum Pairing {
    /**
     * z'_k = s(z_k + u_k): the bottom-up <em>activity</em> of the same neuron, as in Huang, Tu and Xu
     * (seed 000: "a sigmoid of the summation of the output from the (i+1)-th layer and the previous
     * value of the i-th layer") and in the PyTorch peer.
     */
    ACTIVITY,
    /** z'_k = s(y_k + u_k): the bottom-up <em>net input</em> y_k, Xu's original neuron z = s(y + u) (seed 001). */
    NET_INPUT
}
