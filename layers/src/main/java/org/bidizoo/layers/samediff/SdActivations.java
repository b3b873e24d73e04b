package org.bidizoo.layers.samediff;

import java.util.EnumSet;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;

/**
 * DL4J {@link Activation}s as SameDiff ops, for the activations our layers support. Unlike
 * {@code Activation#asSameDiff} in 1.0.0-M2.1, LEAKYRELU keeps DL4J's default slope 0.01.
 */
public final class SdActivations {
    /** DL4J's default leaky-ReLU slope. */
    public static final double LEAKY_ALPHA = 0.01;

    private static final Set<Activation> SUPPORTED = EnumSet.of(Activation.RELU, Activation.LEAKYRELU,
            Activation.SIGMOID, Activation.TANH, Activation.IDENTITY, Activation.ELU, Activation.SOFTPLUS);

    private SdActivations() {
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
