package org.bidizoo.layers.lmser;

/** What an Lmser layer outputs. */
public enum LmserOutput {
    /** the reconstruction x̂, shaped like the input */
    RECONSTRUCTION,
    /** the top code z_K of the last bottom-up pass */
    CODE,
    /** {@code [b, inputSize + codeSize]}: the flattened reconstruction, then the flattened code (split with SubsetVertex) */
    BOTH
}
