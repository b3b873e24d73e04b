package org.bidizoo.layers.lmser.xu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of a dense, tied-weight Lmser stack, as Xu's perception and learning rules see them.
 *
 * <p>Activities {@code z_0 = x, z_1, …, z_L}; level {@code k} (0-based) maps activity k to k+1 with
 * {@code W_k: [n_k, n_{k+1}]}: bottom-up {@code y_{k+1} = z_k W_k + b_k}, top-down into activity k
 * {@code u_k = z_{k+1} W_kᵀ + c_k}. Activities 1..L-1 use the hidden activation, activity L the code
 * activation, and the reconstruction is {@code x̂ = s_out(u_0)}. Biases are optional ({@code null}: none,
 * as in the seed's equations); {@code b_k: [1, n_{k+1}]}, {@code c_k: [1, n_k]}.
 *
 * <p>The arrays are held, not copied: a stack made from a DL4J layer's parameter table is a view of
 * the layer's parameters, so updates written into it train the layer.
 */
public final class DenseStack {
    private final List<INDArray> weights;
    private final List<INDArray> upBiases;
    private final List<INDArray> downBiases;
    private final Activation hidden;
    private final Activation code;
    private final Activation output;

    /**
     * @param weights    {@code W_0 … W_{L-1}}, bottom first, each {@code [n_k, n_{k+1}]}
     * @param upBiases   {@code b_0 … b_{L-1}} ({@code [1, n_{k+1}]}) or null
     * @param downBiases {@code c_0 … c_{L-1}} ({@code [1, n_k]}) or null
     * @param hidden     activation of activities 1..L-1
     * @param code       activation of the top activity L
     * @param output     activation of the reconstruction
     * @throws IllegalArgumentException naming the array whose shape is wrong
     */
    public DenseStack(List<INDArray> weights, List<INDArray> upBiases, List<INDArray> downBiases, Activation hidden,
                      Activation code, Activation output) {
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("weights: expected at least one level [n_k, n_{k+1}], got none");
        }
        if (hidden == null || code == null || output == null) {
            throw new IllegalArgumentException("hidden, code and output activations must not be null");
        }
        for (int k = 0; k < weights.size(); k++) {
            INDArray w = weights.get(k);
            if (w == null || w.rank() != 2) {
                throw new IllegalArgumentException("weights[" + k + "]: expected a matrix [n_" + k + ", n_" + (k + 1)
                        + "], got " + (w == null ? "null" : Arrays.toString(w.shape())));
            }
            if (k > 0 && w.size(0) != weights.get(k - 1).size(1)) {
                throw new IllegalArgumentException("weights[" + k + "] has shape " + Arrays.toString(w.shape())
                        + " but level " + (k - 1) + " outputs " + weights.get(k - 1).size(1) + " units; expected ["
                        + weights.get(k - 1).size(1) + ", n]");
            }
        }
        checkBiases("upBiases", upBiases, weights, 1);
        checkBiases("downBiases", downBiases, weights, 0);
        this.weights = Collections.unmodifiableList(new ArrayList<>(weights));
        this.upBiases = upBiases == null ? null : Collections.unmodifiableList(new ArrayList<>(upBiases));
        this.downBiases = downBiases == null ? null : Collections.unmodifiableList(new ArrayList<>(downBiases));
        this.hidden = hidden;
        this.code = code;
        this.output = output;
    }

    /**
     * A stack without biases, as in the seed's equations.
     *
     * @param hidden  activation of activities 1..L-1
     * @param code    activation of the top activity
     * @param output  activation of the reconstruction
     * @param weights {@code W_0 … W_{L-1}}
     * @return the stack
     */
    public static DenseStack of(Activation hidden, Activation code, Activation output, INDArray... weights) {
        return new DenseStack(Arrays.asList(weights), null, null, hidden, code, output);
    }

    private static void checkBiases(String name, List<INDArray> biases, List<INDArray> weights, int dim) {
        if (biases == null) {
            return;
        }
        if (biases.size() != weights.size()) {
            throw new IllegalArgumentException(name + ": " + biases.size() + " biases for " + weights.size()
                    + " levels; expected one per level or null");
        }
        for (int k = 0; k < biases.size(); k++) {
            long n = weights.get(k).size(dim);
            INDArray b = biases.get(k);
            if (b == null || b.length() != n) {
                throw new IllegalArgumentException(name + "[" + k + "]: expected " + n + " values [1, " + n + "], got "
                        + (b == null ? "null" : Arrays.toString(b.shape())));
            }
        }
    }

    /** @return the number of levels L */
    public int levels() {
        return weights.size();
    }

    /** @param k activity 0..L @return its number of units */
    public long size(int k) {
        return k == 0 ? weights.get(0).size(0) : weights.get(k - 1).size(1);
    }

    /** @param k level 0..L-1 @return {@code W_k: [n_k, n_{k+1}]} (the held array) */
    public INDArray weight(int k) {
        return weights.get(k);
    }

    /** @param k level @return {@code b_k: [1, n_{k+1}]} or null */
    public INDArray upBias(int k) {
        return upBiases == null ? null : upBiases.get(k);
    }

    /** @param k level @return {@code c_k: [1, n_k]} or null */
    public INDArray downBias(int k) {
        return downBiases == null ? null : downBiases.get(k);
    }

    /** @return whether the stack has biases */
    public boolean hasBiases() {
        return upBiases != null || downBiases != null;
    }

    /** @param k activity 1..L @return its activation */
    public Activation activation(int k) {
        return k == levels() ? code : hidden;
    }

    /** @return the activation of the reconstruction */
    public Activation outputActivation() {
        return output;
    }

    /**
     * @param k level 0..L-1
     * @param z activity k {@code [b, n_k]}
     * @return the bottom-up net input of activity k+1, {@code z W_k + b_k}
     */
    public INDArray up(int k, INDArray z) {
        INDArray y = z.mmul(weights.get(k));
        return upBias(k) == null ? y : y.addiRowVector(upBias(k));
    }

    /**
     * @param k level 0..L-1
     * @param z activity k+1 {@code [b, n_{k+1}]}
     * @return the top-down signal into activity k, {@code z W_kᵀ + c_k}
     */
    public INDArray down(int k, INDArray z) {
        INDArray u = Nd4j.gemm(z, weights.get(k), false, true);
        return downBias(k) == null ? u : u.addiRowVector(downBias(k));
    }
}
