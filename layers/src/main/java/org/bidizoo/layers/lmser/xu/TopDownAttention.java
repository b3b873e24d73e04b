package org.bidizoo.layers.lmser.xu;

import java.util.Arrays;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seed 001's "(d)" imaginary recall and "(e)" attention on a {@link DenseStack} (any activation the
 * transposed pass supports, ReLU included).
 *
 * <ul>
 *   <li>Imaginary recall: a top code (e.g. label units of Lmser(sup), or a class's mean code) is passed
 *       down alone, {@code t_L = code}, {@code t_k = s(t_{k+1} W_kᵀ + c_k)}, and the input field shows
 *       {@code s_out(t_1 W_0ᵀ + c_0)}: an imagined picture.</li>
 *   <li>Attention: the same top-down signals {@code u_k = t_{k+1} W_kᵀ + c_k} pre-activate the lower
 *       levels while an input goes up, {@code z_k = s(z_{k-1} W_{k-1} + b_{k-1} + g·u_k)} for
 *       {@code k < L}, so units that carry the attended pattern's features respond more readily. Gain
 *       {@code g = 0} is the plain bottom-up pass.</li>
 * </ul>
 */
public final class TopDownAttention {
    private TopDownAttention() {
    }

    /**
     * @param stack the weights
     * @param code  top codes {@code [b, n_L]}
     * @return the top-down signals {@code u_0 … u_{L-1}}, each {@code [b, n_k]} ({@code u_0} feeds the input field)
     */
    public static INDArray[] topDownSignals(DenseStack stack, INDArray code) {
        int nl = stack.levels();
        if (code.rank() != 2 || code.size(1) != stack.size(nl)) {
            throw new IllegalArgumentException("code: expected [batch, " + stack.size(nl) + "], got "
                    + Arrays.toString(code.shape()));
        }
        INDArray[] u = new INDArray[nl];
        INDArray t = code.castTo(stack.weight(0).dataType());
        for (int k = nl - 1; k >= 0; k--) {
            u[k] = stack.down(k, t);
            if (k > 0) {
                t = ActivationAdjoint.forward(stack.activation(k), u[k]);
            }
        }
        return u;
    }

    /**
     * Imaginary recall.
     *
     * @param stack the weights
     * @param code  top codes {@code [b, n_L]}
     * @return imagined inputs {@code [b, n_0]}
     */
    public static INDArray imagine(DenseStack stack, INDArray code) {
        return ActivationAdjoint.forward(stack.outputActivation(), topDownSignals(stack, code)[0]).dup();
    }

    /**
     * Attentional recognition.
     *
     * @param stack    the weights
     * @param x        inputs {@code [b, n_0]}
     * @param attended the attended top codes {@code [b, n_L]} (one per input)
     * @param gain     g {@code >= 0}, the strength of the pre-activation
     * @return the top codes of the attended bottom-up pass {@code [b, n_L]}
     */
    public static INDArray attend(DenseStack stack, INDArray x, INDArray attended, double gain) {
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain = " + gain + ", expected a finite number >= 0");
        }
        if (x.rank() != 2 || x.size(1) != stack.size(0) || attended.size(0) != x.size(0)) {
            throw new IllegalArgumentException("x " + Arrays.toString(x.shape()) + " and attended "
                    + Arrays.toString(attended.shape()) + ": expected [b, " + stack.size(0) + "] and [b, "
                    + stack.size(stack.levels()) + "]");
        }
        INDArray[] u = gain == 0 ? null : topDownSignals(stack, attended);
        INDArray z = x.castTo(stack.weight(0).dataType());
        for (int k = 1; k <= stack.levels(); k++) {
            INDArray net = stack.up(k - 1, z);
            if (u != null && k < stack.levels()) {
                net.addi(u[k].mul(gain));
            }
            z = ActivationAdjoint.forward(stack.activation(k), net);
        }
        return z;
    }
}
