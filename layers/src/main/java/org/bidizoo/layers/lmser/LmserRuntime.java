package org.bidizoo.layers.lmser;

/** Which runtime executes an {@link LmserLayer}. Both compute the same function with the same parameters. */
public enum LmserRuntime {
    /** the hand-written GEMM passes where they exist (all-dense stacks), SameDiff elsewhere */
    AUTO,
    /** always the SameDiff graph (the reference definition) */
    SAMEDIFF
}
