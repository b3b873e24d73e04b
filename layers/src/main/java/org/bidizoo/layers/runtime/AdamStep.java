package org.bidizoo.layers.runtime;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's update of float parameters in one pass over the arrays' host memory, for {@code FastAdam}: the moments
 * updated in place and the gradient replaced by the step. Runs the Vector API's loop where the JVM has the module
 * (see {@link FloatKernels#VECTOR_MODULE}), else a scalar loop; both give the same bits.
 */
public final class AdamStep {
    private AdamStep() {
    }

    /** @param a an array @return whether {@link #floats} accepts it: float, in host memory, contiguous */
    public static boolean supports(INDArray a) {
        return HostMemory.supportsFloats(a);
    }

    /**
     * {@code m = b1·m + (1−b1)·g}, {@code v = b2·v + (1−b2)·g²}, {@code g = alpha·m / (√v + eps)}, element by element
     * in float, in place (the coefficients rounded to float once: {@code (float) b1}, {@code (float) (1 − b1)}, …).
     *
     * @param g     the gradient, {@code [n]}; replaced by the step
     * @param m     the first moment, {@code [n]}
     * @param v     the second moment, {@code [n]}
     * @param b1    β1
     * @param b2    β2
     * @param alpha the bias-corrected learning rate
     * @param eps   ε
     * @throws IllegalArgumentException if an array is not supported or the lengths differ
     */
    public static void floats(INDArray g, INDArray m, INDArray v, double b1, double b2, double alpha, double eps) {
        if (!supports(g) || !supports(m) || !supports(v)) {
            throw new IllegalArgumentException("AdamStep.floats needs contiguous float arrays in host memory, got "
                    + g.dataType() + ", " + m.dataType() + ", " + v.dataType());
        }
        long n = g.length();
        if (m.length() != n || v.length() != n) {
            throw new IllegalArgumentException("lengths: gradient " + n + ", m " + m.length() + ", v " + v.length()
                    + "; expected all equal");
        }
        FloatKernels.adam(HostMemory.address(g), HostMemory.address(m), HostMemory.address(v), n, (float) b1,
                (float) b2, (float) (1 - b1), (float) (1 - b2), (float) alpha, (float) eps);
    }
}
