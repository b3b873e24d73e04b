package org.bidizoo.layers.lmser.xu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The perception phase of seed 001: Xu's neuron {@code z_k = s(y_k + u_k)} iterated until the
 * activities stop changing, with the input clamped at {@code z_0 = x}.
 *
 * <p>Start: one bottom-up pass without top-down signal, {@code z_k = s(y_k)}. One iteration is one
 * reflection done in place: levels 1..L updated bottom-up, then L-1..1 top-down, each from the newest
 * values of its neighbours:
 * <pre>
 * z_k ← (1 − h) z_k + h s(z_{k-1} W_{k-1} + b_{k-1} + z_{k+1} W_kᵀ + c_k)     (no top-down term at the top)
 * </pre>
 * {@code h = 1} is the discrete neuron; {@code h < 1} is the Euler step {@code dt/τ} of
 * {@code τ dz/dt = −z + s(y + u)}. Units of one level do not interact, so each level update minimises
 * J_net ({@link NetEnergy}) over that level (h = 1) or moves toward that minimum along a convex
 * function (h &lt; 1): J_net never increases (Theorem 1) for SIGMOID, TANH or IDENTITY units. The
 * iteration stops when the largest change of any activity in an iteration is below the tolerance, or
 * at the iteration cap.
 */
public final class Perception {
    private final double tolerance;
    private final int maxIterations;
    private final double step;

    /**
     * @param tolerance     stop when {@code max |Δz| <} this in one iteration; finite, {@code > 0}
     * @param maxIterations cap on iterations, {@code >= 1}
     * @param step          h in (0, 1]: 1 = the discrete neuron, less = Euler step of the continuous dynamics
     * @throws IllegalArgumentException naming the parameter, its value and the expectation
     */
    public Perception(double tolerance, int maxIterations, double step) {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + ", expected a finite number > 0");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations = " + maxIterations + ", expected >= 1");
        }
        if (!(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("step = " + step + ", expected a number in (0, 1]");
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.step = step;
    }

    /**
     * @param tolerance     stop when {@code max |Δz| <} this
     * @param maxIterations cap on iterations
     * @return the discrete neuron (h = 1)
     */
    public static Perception discrete(double tolerance, int maxIterations) {
        return new Perception(tolerance, maxIterations, 1.0);
    }

    /**
     * Runs the perception phase.
     *
     * @param stack        the weights
     * @param x            input {@code [b, n_0]}
     * @param recordEnergy whether to record J_net after each iteration (needs SIGMOID, TANH or IDENTITY units)
     * @return the activities, the iterations taken and the trajectory
     */
    public PerceptionResult run(DenseStack stack, INDArray x, boolean recordEnergy) {
        if (x.rank() != 2 || x.size(1) != stack.size(0)) {
            throw new IllegalArgumentException("x: expected [batch, " + stack.size(0) + "], got "
                    + Arrays.toString(x.shape()));
        }
        int nl = stack.levels();
        if (recordEnergy) {
            for (int k = 1; k <= nl; k++) {
                if (!InverseIntegral.supports(stack.activation(k))) {
                    throw new IllegalArgumentException("activation of level " + k + " is " + stack.activation(k)
                            + "; J_net (Theorem 1) needs SIGMOID, TANH or IDENTITY units");
                }
            }
        }
        List<INDArray> z = new ArrayList<>();
        z.add(x.castTo(stack.weight(0).dataType()));
        for (int k = 1; k <= nl; k++) {
            z.add(ActivationAdjoint.forward(stack.activation(k), stack.up(k - 1, z.get(k - 1))).dup());
        }
        List<Double> energy = new ArrayList<>();
        List<Double> change = new ArrayList<>();
        if (recordEnergy) {
            energy.add(NetEnergy.mean(stack, z));
        }
        int it = 0;
        boolean converged = false;
        while (it < maxIterations && !converged) {
            double delta = 0;
            for (int k = 1; k <= nl; k++) {
                delta = Math.max(delta, update(stack, z, k));
            }
            for (int k = nl - 1; k >= 1; k--) {
                delta = Math.max(delta, update(stack, z, k));
            }
            it++;
            change.add(delta);
            if (recordEnergy) {
                energy.add(NetEnergy.mean(stack, z));
            }
            converged = delta < tolerance;
        }
        return new PerceptionResult(z, it, converged, toArray(energy), toArray(change));
    }

    /** Updates level k in place; returns the largest change. */
    private double update(DenseStack stack, List<INDArray> z, int k) {
        INDArray net = stack.up(k - 1, z.get(k - 1));
        if (k < stack.levels()) {
            net.addi(stack.down(k, z.get(k + 1)));
        }
        INDArray target = ActivationAdjoint.forward(stack.activation(k), net);
        INDArray zk = z.get(k);
        INDArray diff = target.sub(zk);
        if (step < 1) {
            diff.muli(step);
        }
        zk.addi(diff);
        return diff.amaxNumber().doubleValue();
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the tolerance */
    public double tolerance() {
        return tolerance;
    }

    /** @return the iteration cap */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the step h */
    public double step() {
        return step;
    }
}
