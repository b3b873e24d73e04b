package org.bidizoo.layers.runtime;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.shade.jackson.annotation.JsonCreator;

/**
 * Which runtime executes a layer that has both (Lmser's {@code LmserLayer}, inversion's {@code InvertibleNet}).
 * Both compute the same function with the same parameters; tests hold the direct runtime equal to the SameDiff
 * definition (outputs, gradients and Adam steps).
 */
public enum PassRuntime {
    /**
     * The hand-written forward and backward passes on libnd4j's kernels ({@link DirectLayer}): per-step arrays
     * reused, the backward pass reusing the forward pass's. The default, and the faster. A layer falls back to
     * SameDiff for the outputs its direct pass does not compute (Lmser's HIDDEN output, perception).
     */
    DIRECT,
    /**
     * The SameDiff graph, differentiated by SameDiff (DL4J's SameDiff layer recomputes the forward pass inside its
     * backward pass): the reference definition.
     */
    SAMEDIFF;

    /**
     * Reads a runtime from a configuration, also under the name Lmser layers saved before the runtimes were one
     * enum ({@code AUTO}, now {@link #DIRECT}).
     *
     * @param name the name, case-insensitive; null gives DIRECT
     * @return the runtime
     * @throws IllegalArgumentException naming the value and the expected ones
     */
    @JsonCreator
    public static PassRuntime of(String name) {
        if (name == null || name.equalsIgnoreCase("AUTO")) {
            return DIRECT;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("runtime = " + name + ", expected one of " + Arrays.toString(values()),
                    e);
        }
    }
}
