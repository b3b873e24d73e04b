package org.bidizoo.layers.runtime;

import org.bidizoo.layers.samediff.SdActivations;
import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.bidizoo.layers.transpose.ActivationAdjoint.Kept;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ActivationAdjoint#keep} and {@link Kept#times} on float host arrays through the runtime's loops (one pass
 * each, vectorized where the JVM has the Vector API) instead of two or three libnd4j ops; the same bits as
 * {@link ActivationAdjoint}'s ops, which serve every other array and activation. For the passes that allocate their
 * arrays per step (inversion's). Large arrays are split over the team ({@link LoopSplit}).
 */
public final class FloatAdjoint {
    /*
     * ActivationAdjoint's LEAKYRELU mask is Step(pre) (1 where pre > 0, else 0) times (1 − α) plus α, each op rounding
     * to float: these are its two values.
     */
    private static final float LEAKY_SCALE = (float) (1.0 - SdActivations.LEAKY_ALPHA);
    private static final float LEAKY_SHIFT = (float) SdActivations.LEAKY_ALPHA;
    private static final float LEAKY_LO = 0f * LEAKY_SCALE + LEAKY_SHIFT;
    private static final float LEAKY_HI = 1f * LEAKY_SCALE + LEAKY_SHIFT;

    private FloatAdjoint() {
    }

    /**
     * @param a   an activation {@link SdActivations#transposable} accepts
     * @param pre the pre-activation, any shape (not modified)
     * @return a(pre) with its slope, as {@link ActivationAdjoint#keep}; new arrays
     */
    public static Kept keep(Activation a, INDArray pre) {
        if ((a != Activation.RELU && a != Activation.LEAKYRELU) || !HostMemory.supportsFloats(pre)) {
            return ActivationAdjoint.keep(a, pre);
        }
        float lo = a == Activation.LEAKYRELU ? LEAKY_LO : 0f;
        float hi = a == Activation.LEAKYRELU ? LEAKY_HI : 1f;
        INDArray out = pre.ulike();
        INDArray mask = pre.ulike();
        long in = HostMemory.address(pre);
        long o = HostMemory.address(out);
        long m = HostMemory.address(mask);
        LoopSplit.run(pre.length(), (from, to) ->
                FloatKernels.maskedKeep(in + 4 * from, o + 4 * from, m + 4 * from, to - from, lo, hi));
        return new Kept(out, mask, null);
    }

    /**
     * @param k a kept activation
     * @param g a gradient or transposed signal, shaped as the pre-activation
     * @return g · a'(pre), a new array (g itself for IDENTITY), as {@link Kept#times}
     */
    public static INDArray times(Kept k, INDArray g) {
        INDArray s = k.slope();
        if (s == null || !HostMemory.supportsFloats(g) || !HostMemory.supportsFloats(s) || g.length() != s.length()) {
            return k.times(g);
        }
        INDArray dst = g.ulike();
        long a = HostMemory.address(g);
        long b = HostMemory.address(s);
        long d = HostMemory.address(dst);
        LoopSplit.run(g.length(), (from, to) -> FloatKernels.multiply(a + 4 * from, b + 4 * from, d + 4 * from,
                to - from));
        return dst;
    }

}
