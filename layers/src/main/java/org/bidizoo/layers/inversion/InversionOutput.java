package org.bidizoo.layers.inversion;

/** What an {@link InvertibleNet} outputs. */
public enum InversionOutput {
    /** the logits f(x), {@code [b, numClasses]} */
    LOGITS,
    /** {@code [b, numClasses + inputSize]}: the logits, then the flattened reconstruction J(x)ᵀ f(x) (split with SubsetVertex) */
    BOTH
}
