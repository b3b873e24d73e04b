package org.bidizoo.layers.samediff;

import java.util.EnumSet;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * DL4J {@link Activation}s as SameDiff ops, for the activations our layers support. Unlike
 * {@code Activation#asSameDiff} in 1.0.0-M2.1, LEAKYRELU keeps DL4J's default slope 0.01.
 */
public final class SdActivations {
    /** DL4J's default leaky-ReLU slope. */
    public static final double LEAKY_ALPHA = 0.01;

    private static final Set<Activation> SUPPORTED = EnumSet.of(Activation.RELU, Activation.LEAKYRELU,
            Activation.SIGMOID, Activation.TANH, Activation.IDENTITY, Activation.ELU, Activation.SOFTPLUS);

    /**
     * The activations a transposed pass (J(x)ᵀ f(x) trained by gradient) supports: the piecewise-linear ones, whose
     * slope is a constant mask, and the sigmoid, whose slope's own derivative is s(1 − s)(1 − 2s).
     */
    private static final Set<Activation> TRANSPOSABLE = EnumSet.of(Activation.IDENTITY, Activation.RELU,
            Activation.LEAKYRELU, Activation.SIGMOID);

    private SdActivations() {
    }

    /** @param a an activation @return whether a transposed pass supports it (IDENTITY, RELU, LEAKYRELU, SIGMOID) */
    public static boolean transposable(Activation a) {
        return a != null && TRANSPOSABLE.contains(a);
    }

    /**
     * @param what the parameter, for the message
     * @param a    the activation
     * @throws IllegalArgumentException naming the parameter, the value and the supported ones unless
     *                                  {@link #transposable}
     */
    public static void requireTransposable(String what, Activation a) {
        if (!transposable(a)) {
            throw new IllegalArgumentException(what + " = " + a + " has no transposed pass; expected one of "
                    + TRANSPOSABLE);
        }
    }

    /**
     * An activation's output in a graph with a transposed pass, and its slope when the forward pass made one.
     *
     * @param out   a(pre)
     * @param slope a'(pre) as a constant mask for RELU and LEAKYRELU; null otherwise (see {@link #transposedSlope})
     */
    public record Kept(SDVariable out, SDVariable slope) {
    }

    /**
     * a(pre) for a graph with a transposed pass: a piecewise-linear a (ReLU, leaky ReLU) as pre · a'(pre) with a'(pre)
     * a constant mask, kept for the transposed pass: the same values and gradient as DL4J's op, but one mask serves
     * both passes, and libnd4j's multiply is faster than its ReLU backward. The array twin is
     * {@code transpose.ActivationAdjoint#keep}.
     *
     * @param a   a {@link #transposable} activation
     * @param sd  the graph
     * @param pre the pre-activation
     * @return the output and the mask (null for IDENTITY and SIGMOID)
     */
    public static Kept keep(Activation a, SameDiff sd, SDVariable pre) {
        requireTransposable("activation", a);
        if (a == Activation.RELU || a == Activation.LEAKYRELU) {
            SDVariable mask = transposedSlope(a, sd, pre);
            return new Kept(pre.mul(mask), mask);
        }
        return new Kept(apply(a, sd, pre), null);
    }

    /**
     * a'(pre) for a transposed pass: piecewise-constant masks as constants (a stop-gradient), the sigmoid's factor
     * differentiable.
     *
     * @param a   a {@link #transposable} activation
     * @param sd  the graph
     * @param pre the pre-activation
     * @return a'(pre)
     */
    public static SDVariable transposedSlope(Activation a, SameDiff sd, SDVariable pre) {
        requireTransposable("activation", a);
        SDVariable d = derivative(a, sd, pre);
        return a == Activation.RELU || a == Activation.LEAKYRELU ? constant(sd, d) : d;
    }

    /** @return v with no gradient flowing back through it */
    public static SDVariable constant(SameDiff sd, SDVariable v) {
        return new StopGradient(sd, v).outputVariable();
    }

    /** @return the activations {@link #apply} supports */
    public static Set<Activation> supported() {
        return EnumSet.copyOf(SUPPORTED);
    }

    /**
     * @param what  the parameter name, for the message
     * @param value the activation to check
     * @throws IllegalArgumentException naming the parameter, the value and the supported ones
     */
    public static void check(String what, Activation value) {
        if (value == null || !SUPPORTED.contains(value)) {
            throw new IllegalArgumentException(what + " = " + value + " is not supported; expected one of " + SUPPORTED);
        }
    }

    /**
     * @param a  the activation
     * @param sd the graph
     * @param x  the pre-activation
     * @return a(x)
     */
    public static SDVariable apply(Activation a, SameDiff sd, SDVariable x) {
        switch (a) {
            case RELU:
                return sd.nn().relu(x, 0.0);
            case LEAKYRELU:
                return sd.nn().leakyRelu(x, LEAKY_ALPHA);
            case SIGMOID:
                return sd.nn().sigmoid(x);
            case TANH:
                return sd.math().tanh(x);
            case IDENTITY:
                return x;
            case ELU:
                return sd.nn().elu(x);
            case SOFTPLUS:
                return sd.nn().softplus(x);
            default:
                throw new IllegalArgumentException("activation " + a + " is not supported; expected one of " + SUPPORTED);
        }
    }

    /**
     * a'(pre) as SameDiff ops, the same definitions as {@code transpose.ActivationAdjoint#slope}.
     *
     * @param a   the activation
     * @param sd  the graph
     * @param pre the pre-activation
     * @return a'(pre); for RELU and LEAKYRELU a mask (0 or 1; α or 1) whose own gradient is 0 almost everywhere
     *         (wrap it in a stop-gradient to make that explicit)
     */
    public static SDVariable derivative(Activation a, SameDiff sd, SDVariable pre) {
        switch (a) {
            case IDENTITY:
                return sd.onesLike(pre);
            case RELU:
                return sd.math().step(pre, 0.0);
            case LEAKYRELU:
                return sd.math().step(pre, 0.0).mul(1.0 - LEAKY_ALPHA).add(LEAKY_ALPHA);
            case SIGMOID: {
                SDVariable s = sd.nn().sigmoid(pre);
                return s.mul(s.rsub(1.0));
            }
            case TANH: {
                SDVariable t = sd.math().tanh(pre);
                return t.mul(t).rsub(1.0);
            }
            case ELU: {
                SDVariable pos = sd.math().step(pre, 0.0);
                return sd.math().exp(pre).mul(pos.rsub(1.0)).add(pos);
            }
            case SOFTPLUS:
                return sd.nn().sigmoid(pre);
            default:
                throw new IllegalArgumentException("activation " + a + " is not supported; expected one of " + SUPPORTED);
        }
    }
}
