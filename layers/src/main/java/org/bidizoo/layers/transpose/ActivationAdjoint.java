package org.bidizoo.layers.transpose;

import org.bidizoo.layers.samediff.SdActivations;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise activations on plain arrays and their adjoints (Jacobian-transpose products), for
 * hand-written forward/backward passes. Supports the activations {@link SdActivations} supports,
 * with the same definitions (LEAKYRELU slope {@value SdActivations#LEAKY_ALPHA}).
 */
public final class ActivationAdjoint {
    private ActivationAdjoint() {
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
     * Multiplies a gradient by the activation's derivative, in place: {@code grad *= a'(pre)}.
     *
     * @param a    the activation
     * @param pre  the pre-activation
     * @param out  a(pre), as returned by {@link #forward}
     * @param grad dL/d(out); on return dL/d(pre)
     * @return {@code grad}
     */
    public static INDArray backwardInPlace(Activation a, INDArray pre, INDArray out, INDArray grad) {
        switch (a) {
            case RELU:
                return grad.muli(pre.gt(0.0).castTo(grad.dataType()));
            case LEAKYRELU: {
                INDArray pos = pre.gt(0.0).castTo(grad.dataType());
                return grad.muli(pos.muli(1.0 - SdActivations.LEAKY_ALPHA).addi(SdActivations.LEAKY_ALPHA));
            }
            case SIGMOID:
                return grad.muli(out.rsub(1.0).muli(out));
            case TANH:
                return grad.muli(out.mul(out).rsubi(1.0));
            case IDENTITY:
                return grad;
            case ELU: {
                INDArray pos = pre.gt(0.0).castTo(grad.dataType());
                // 1 where pre > 0, else out + 1 (= exp(pre))
                INDArray d = out.add(1.0).muli(pos.rsub(1.0)).addi(pos);
                return grad.muli(d);
            }
            case SOFTPLUS:
                return grad.muli(Transforms.sigmoid(pre, true));
            default:
                throw new IllegalArgumentException("activation " + a + " is not supported");
        }
    }
}
