package org.bidizoo.layers.transpose;

import org.bidizoo.layers.samediff.SdActivations;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise activations on plain arrays, their derivatives and adjoints (Jacobian-transpose products), for the
 * hand-written forward, backward and transposed passes (Lmser's, inversion's). Supports the activations
 * {@link SdActivations} supports, with the same definitions (LEAKYRELU slope {@value SdActivations#LEAKY_ALPHA});
 * {@link SdActivations} holds the same derivatives as SameDiff ops, and {@code runtime.Fused} the fused loops.
 */
public final class ActivationAdjoint {
    private ActivationAdjoint() {
    }

    /**
     * An activation's output kept with its slope for a transposed pass and its backward pass.
     *
     * @param out     a(pre)
     * @param slope   a'(pre); null for IDENTITY (a' = 1)
     * @param sigmoid a(pre) for a SIGMOID (its slope's own derivative needs it), else null
     */
    public record Kept(INDArray out, INDArray slope, INDArray sigmoid) {
        /**
         * @param g a gradient or transposed signal, shaped as pre
         * @return g · a'(pre), a new array (g itself for IDENTITY)
         */
        public INDArray times(INDArray g) {
            return slope == null ? g : g.mul(slope);
        }

        /** @return d a'(pre) / d pre for a SIGMOID, s(1 − s)(1 − 2s); null when the slope is piecewise constant */
        public INDArray slopeDerivative() {
            return sigmoid == null ? null : slope.mul(sigmoid.mul(-2.0).addi(1.0));
        }
    }

    /**
     * a(pre) with its slope kept: a piecewise-linear a is computed as pre · a'(pre), so one mask serves the forward
     * pass, the transposed pass and their backward passes. The SameDiff twin is {@link SdActivations#keep}.
     *
     * @param a   an activation {@link SdActivations#transposable} accepts
     * @param pre the pre-activation (not modified; returned as the output for IDENTITY)
     * @return the output and its slope
     */
    public static Kept keep(Activation a, INDArray pre) {
        SdActivations.requireTransposable("activation", a);
        if (a == Activation.IDENTITY) {
            return new Kept(pre, null, null);
        }
        if (piecewiseLinear(a)) {
            INDArray m = slope(a, pre, null);
            return new Kept(pre.mul(m), m, null);
        }
        INDArray s = forward(a, pre);
        return new Kept(s, slope(a, pre, s), s);
    }

    /**
     * @param a   the activation
     * @param pre pre-activation (not modified)
     * @return a(pre), a new array (or {@code pre} itself for IDENTITY)
     */
    public static INDArray forward(Activation a, INDArray pre) {
        switch (a) {
            case RELU:
                return Transforms.relu(pre, true);
            case LEAKYRELU:
                return Transforms.leakyRelu(pre, SdActivations.LEAKY_ALPHA, true);
            case SIGMOID:
                return Transforms.sigmoid(pre, true);
            case TANH:
                return Transforms.tanh(pre, true);
            case IDENTITY:
                return pre;
            case ELU:
                return Transforms.elu(pre, true);
            case SOFTPLUS:
                return Transforms.softPlus(pre, true);
            default:
                throw new IllegalArgumentException("activation " + a + " is not supported; expected one of "
                        + SdActivations.supported());
        }
    }

    /**
     * The activation's derivative as an array.
     *
     * @param a   the activation
     * @param pre the pre-activation (not modified)
     * @param out a(pre), as returned by {@link #forward} (read by SIGMOID, TANH and ELU; may be null for the others)
     * @return a'(pre), a new array of pre's shape; null for IDENTITY (a' = 1). For RELU and LEAKYRELU it is a
     *         constant mask (0 or 1; α or 1), with a'(0) = 0 and α, as DL4J's ops
     */
    public static INDArray slope(Activation a, INDArray pre, INDArray out) {
        switch (a) {
            case IDENTITY:
                return null;
            case RELU:
                return Nd4j.exec(new Step(pre, pre.ulike(), 0.0));
            case LEAKYRELU:
                return Nd4j.exec(new Step(pre, pre.ulike(), 0.0)).muli(1.0 - SdActivations.LEAKY_ALPHA)
                        .addi(SdActivations.LEAKY_ALPHA);
            case SIGMOID:
                return out.rsub(1.0).muli(out);
            case TANH:
                return out.mul(out).rsubi(1.0);
            case ELU: {
                // 1 where pre > 0, else out + 1 (= exp(pre))
                INDArray pos = Nd4j.exec(new Step(pre, pre.ulike(), 0.0));
                return out.add(1.0).muli(pos.rsub(1.0)).addi(pos);
            }
            case SOFTPLUS:
                return Transforms.sigmoid(pre, true);
            default:
                throw new IllegalArgumentException("activation " + a + " is not supported; expected one of "
                        + SdActivations.supported());
        }
    }

    /**
     * @param a the activation
     * @return whether a' is piecewise constant (IDENTITY, RELU, LEAKYRELU): its {@link #slope} is a mask, and a(pre)
     *         = pre · a'(pre)
     */
    public static boolean piecewiseLinear(Activation a) {
        return a == Activation.IDENTITY || a == Activation.RELU || a == Activation.LEAKYRELU;
    }

    /**
     * Multiplies a gradient by the activation's derivative, in place: {@code grad *= a'(pre)}.
     *
     * @param a    the activation
     * @param pre  the pre-activation
     * @param out  a(pre), as returned by {@link #forward}
     * @param grad dL/d(out); on return dL/d(pre)
     * @return {@code grad}
     */
    public static INDArray backwardInPlace(Activation a, INDArray pre, INDArray out, INDArray grad) {
        INDArray d = slope(a, pre, out);
        return d == null ? grad : grad.muli(d);
    }
}
