package org.bidizoo.layers.inversion;

/**
 * How an {@link InvertibleNet} computes its output and gradients. Both give the same numbers, except on a
 * max-pooling window whose maximum is tied (see {@link InvertiblePass}).
 */
public enum InvertibleRuntime {
    /**
     * Hand-written forward and backward passes on arrays ({@link InvertiblePass}): the backward pass
     * reuses the forward pass's arrays. The default, and the faster.
     */
    DIRECT,
    /**
     * The SameDiff graph of {@link InvertibleGraph}, differentiated by SameDiff; DL4J's SameDiff layer
     * recomputes the forward pass inside its backward pass. The reference the direct runtime is tested
     * against.
     */
    SAMEDIFF
}
