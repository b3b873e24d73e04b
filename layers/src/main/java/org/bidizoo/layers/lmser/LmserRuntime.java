package org.bidizoo.layers.lmser;

/** Which runtime executes an {@link LmserLayer}. Both compute the same function with the same parameters. */
public enum LmserRuntime {
    /** the hand-written passes (GEMMs for dense levels, libnd4j's convolution kernels for conv levels), SameDiff
     *  only for the HIDDEN output */
    AUTO,
    /** always the SameDiff graph (the reference definition) */
    SAMEDIFF
}
