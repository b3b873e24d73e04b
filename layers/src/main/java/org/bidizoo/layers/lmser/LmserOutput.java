package org.bidizoo.layers.lmser;

/** What an Lmser layer outputs. */
public enum LmserOutput {
    /** the reconstruction x̂, shaped like the input */
    RECONSTRUCTION,
    /** the top code z_K of the last bottom-up pass */
    CODE,
    /**
     * {@code [b, size_1 + … + size_K]}: every level's bottom-up activity z_1 … z_K of the last
     * reflection, flattened and concatenated — the representation a classifier should read from a
     * paired-neuron Lmser, whose reconstruction can bypass the top code through the pairs (always runs
     * the SameDiff graph)
     */
    HIDDEN,
    /** {@code [b, inputSize + codeSize]}: the flattened reconstruction, then the flattened code (split with SubsetVertex) */
    BOTH
}
