package org.bidizoo.layers.lmser.xu;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The local LMSER learning rule (seed 001, eqn 10a and its stochastic form for several layers),
 * applied at the activities the perception phase ended with.
 *
 * <p>With the reconstruction error {@code ε_0 = −∂J⁰/∂u_0} ({@code = x − u_0} for a linear output and
 * {@code J⁰ = ½‖x − u_0‖²}), errors are carried up by the tied weights,
 * {@code ε_1 = ε_0 W_0} (Xu's {@code y − y'}), {@code ε_{k+1} = (s'_k ⊙ ε_k) W_k}, and each level
 * learns from the two ends it connects (DL4J orientation, summed over the minibatch):
 * <pre>
 * ΔW_k = δ_kᵀ z_{k+1} + z_kᵀ δ_{k+1},   δ_0 = ε_0,  δ_k = s'_k ⊙ ε_k  (k ≥ 1)
 * Δb_k = Σ δ_{k+1},  Δc_k = Σ δ_k
 * </pre>
 * For one level this is exactly −∂J⁰/∂W (eqn 10a), so its average over samples is the gradient of
 * {@code J = ½E‖x − u_0‖²}; for several levels it drops the terms that pass through the perception
 * feedback (products of two or more s', at most γ² = 1/16 for sigmoids each), as the seed does.
 *
 * <p>An error on the top code ({@code −∂L/∂z_L}, e.g. from label units: Xu's supervised top layer)
 * is carried down instead, {@code ε'_{k} = (s'_{k+1} ⊙ ε'_{k+1}) W_kᵀ}, and added to ε_k in δ_k for
 * k ≥ 1 (the input is not a function of the weights, so it gets no such term).
 */
public final class LocalLmserRule {
    private LocalLmserRule() {
    }

    /**
     * @param stack      the weights the perception ran on
     * @param perception its result
     * @param reconError {@code ε_0 = −∂L/∂u_0}, {@code [b, n_0]}, or null for none
     * @param codeError  {@code −∂L/∂z_L}, {@code [b, n_L]}, or null for none
     * @return the directions, summed over the minibatch
     */
    public static StackDirections directions(DenseStack stack, PerceptionResult perception, INDArray reconError,
                                             INDArray codeError) {
        return fromDeltas(stack, perception, deltas(stack, perception, reconError, codeError));
    }

    /**
     * @param stack      the weights the perception ran on
     * @param perception its result
     * @param reconError {@code ε_0 = −∂L/∂u_0}, {@code [b, n_0]}, or null for none
     * @param codeError  {@code −∂L/∂z_L}, {@code [b, n_L]}, or null for none
     * @return {@code δ_0 … δ_L}, each {@code [b, n_k]}: the error at each activity's net input
     */
    public static INDArray[] deltas(DenseStack stack, PerceptionResult perception, INDArray reconError,
                                    INDArray codeError) {
        int nl = stack.levels();
        List<INDArray> z = perception.activities();
        INDArray[] delta = new INDArray[nl + 1];
        delta[0] = reconError == null ? z.get(0).like().assign(0) : reconError;
        INDArray[] slope = new INDArray[nl + 1];
        for (int k = 1; k <= nl; k++) {
            slope[k] = slope(stack, k, z.get(k));
            delta[k] = delta[k - 1].mmul(stack.weight(k - 1)).muli(slope[k]);
        }
        if (codeError != null) {
            INDArray down = codeError.mul(slope[nl]);
            delta[nl].addi(down);
            for (int k = nl - 1; k >= 1; k--) {
                down = down.mmul(stack.weight(k).transpose()).muli(slope[k]);
                delta[k].addi(down);
            }
        }
        return delta;
    }

    /**
     * @param stack      the weights
     * @param perception the perception's result
     * @param delta      {@code δ_0 … δ_L} from {@link #deltas}
     * @return the directions, summed over the minibatch
     */
    public static StackDirections fromDeltas(DenseStack stack, PerceptionResult perception, INDArray[] delta) {
        List<INDArray> z = perception.activities();
        List<INDArray> dw = new ArrayList<>();
        List<INDArray> db = stack.hasBiases() ? new ArrayList<>() : null;
        List<INDArray> dc = stack.hasBiases() ? new ArrayList<>() : null;
        for (int k = 0; k < stack.levels(); k++) {
            dw.add(delta[k].transpose().mmul(z.get(k + 1)).addi(z.get(k).transpose().mmul(delta[k + 1])));
            if (db != null) {
                db.add(delta[k + 1].sum(true, 0));
                dc.add(delta[k].sum(true, 0));
            }
        }
        return new StackDirections(dw, db, dc);
    }

    /**
     * The rule for the plain objective {@code J⁰ = ½‖x − x̂‖²}, {@code x̂ = s_out(u_0)}, averaged over
     * the minibatch: a sample of {@code −∇J}.
     *
     * @param stack      the weights
     * @param x          the input the perception ran on {@code [b, n_0]}
     * @param perception its result
     * @return the mean directions
     */
    public static StackDirections reconstruction(DenseStack stack, INDArray x, PerceptionResult perception) {
        StackDirections d = directions(stack, perception, reconstructionError(stack, x, perception), null);
        double inv = 1.0 / x.size(0);
        d.weights().forEach(w -> w.muli(inv));
        if (d.upBiases() != null) {
            d.upBiases().forEach(v -> v.muli(inv));
            d.downBiases().forEach(v -> v.muli(inv));
        }
        return d;
    }

    /**
     * @param stack      the weights
     * @param x          the input {@code [b, n_0]}
     * @param perception the perception's result on x
     * @return {@code ε_0 = (x − x̂) ⊙ s_out'(u_0)}
     */
    public static INDArray reconstructionError(DenseStack stack, INDArray x, PerceptionResult perception) {
        INDArray u0 = perception.topDownInput(stack);
        INDArray xhat = ActivationAdjoint.forward(stack.outputActivation(), u0);
        INDArray err = x.castTo(u0.dataType()).sub(xhat);
        return ActivationAdjoint.backwardInPlace(stack.outputActivation(), u0, xhat, err);
    }

    /** @return s'_k at the activity (from the activity itself: sigmoid z(1−z), tanh 1−z², identity 1) */
    private static INDArray slope(DenseStack stack, int k, INDArray zk) {
        INDArray ones = zk.like().assign(1.0);
        return ActivationAdjoint.backwardInPlace(stack.activation(k), zk, zk, ones);
    }
}
