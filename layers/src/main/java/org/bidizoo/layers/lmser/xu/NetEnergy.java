package org.bidizoo.layers.lmser.xu;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy J_net of the perception phase (seed 001, eqn 3, Theorem 1), for the input clamped at
 * {@code z_0 = x}:
 * <pre>
 * J_net = Σ_{k=1..L} Σ_j G_k(z_jk) − Σ_{k=1..L} z_k·(z_{k-1} W_{k-1} + b_{k-1}) − Σ_{k=1..L-1} z_k·c_k
 * </pre>
 * with {@code G_k = ∫₀^z s_k⁻¹} ({@link InverseIntegral}). Its gradient in z_k is
 * {@code s_k⁻¹(z_k) − (y_k + u_k)}, zero exactly at Xu's neuron {@code z_k = s(y_k + u_k)}.
 *
 * <p>The seed prints the coupling between hidden levels with a factor ½ and the input term with the
 * opposite sign; with those the stationary points would be {@code z = s(½(y + u))}, not the neuron's
 * equation, so this class uses the Hopfield form above (each pair of levels counted once). Without
 * biases it is the seed's eqn (3) otherwise term by term.
 */
public final class NetEnergy {
    private NetEnergy() {
    }

    /**
     * @param stack      the weights (hidden and code activations SIGMOID, TANH or IDENTITY)
     * @param activities {@code z_0 = x, z_1, …, z_L}, each {@code [b, n_k]}
     * @return J_net per example, {@code [b]}, double precision
     */
    public static INDArray perExample(DenseStack stack, List<INDArray> activities) {
        int nl = stack.levels();
        if (activities.size() != nl + 1) {
            throw new IllegalArgumentException("activities: expected " + (nl + 1) + " arrays z_0..z_" + nl + ", got "
                    + activities.size());
        }
        INDArray e = null;
        for (int k = 1; k <= nl; k++) {
            INDArray zk = activities.get(k).castTo(DataType.DOUBLE);
            INDArray term = InverseIntegral.rowSums(stack.activation(k), zk);
            INDArray drive = stack.up(k - 1, activities.get(k - 1)).castTo(DataType.DOUBLE);
            if (k < nl && stack.downBias(k) != null) {
                drive.addiRowVector(stack.downBias(k).castTo(DataType.DOUBLE));
            }
            term.subi(zk.mul(drive).sum(1));
            e = e == null ? term : e.addi(term);
        }
        return e;
    }

    /**
     * @param stack      the weights
     * @param activities {@code z_0 … z_L}
     * @return the mean of J_net over the minibatch
     */
    public static double mean(DenseStack stack, List<INDArray> activities) {
        return perExample(stack, activities).meanNumber().doubleValue();
    }
}
