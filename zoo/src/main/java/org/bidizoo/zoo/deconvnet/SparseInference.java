package org.bidizoo.zoo.deconvnet;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.layers.runtime.ScratchWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature maps for fixed filters: z minimising J(z) = λ/2 ‖D(z) − y‖² + Σ|z|^p by ISTA or FISTA (Beck and
 * Teboulle 2009, with their backtracking: the step 1/L starts at λ‖D‖² from power iteration and L doubles
 * until the quadratic upper bound holds, so ISTA lowers J at every iteration). The examples of a batch share
 * one L; J is summed over the batch.
 */
public final class SparseInference {
    private static final int POWER_ITERATIONS = 30;

    private SparseInference() {
    }

    /**
     * @param maps      the inferred maps {@code [b, K, H+k−1, W+k−1]}
     * @param objective J after each iteration (index 0: at the start), summed over the batch
     * @param lipschitz the final L
     */
    public record Result(INDArray maps, List<Double> objective, double lipschitz) {
        /** @return J at the end */
        public double finalObjective() {
            return objective.get(objective.size() - 1);
        }
    }

    /**
     * @param d      the filters
     * @param y      images {@code [b, C, H, W]}
     * @param lambda λ, {@code > 0}
     * @param p      exponent in [1, 2]
     * @param steps  iterations, {@code >= 1}
     * @param fista  FISTA (momentum) instead of ISTA
     * @return the maps and J along the way
     * @throws IllegalArgumentException naming a parameter out of range
     */
    public static Result infer(ConvDictionary d, INDArray y, double lambda, double p, int steps, boolean fista) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda = " + lambda + ": expected > 0");
        }
        if (!(p >= 1 && p <= 2)) {
            throw new IllegalArgumentException("p = " + p + ": expected 1 <= p <= 2");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + ": expected >= 1 ISTA/FISTA iterations");
        }
        double l;
        try (MemoryWorkspace ws = ScratchWorkspace.open("deconvnet-norm")) {
            l = lambda * d.normSquared((int) y.size(2), (int) y.size(3), POWER_ITERATIONS, 17);
        }
        // the state lives outside the per-iteration workspace and is assigned each iteration
        INDArray z = d.zeroMaps(y);
        INDArray dz = d.decode(z);
        // FISTA's extrapolated point w and its decoding (D is linear: D(w) is extrapolated the same way)
        INDArray w = z.dup();
        INDArray dw = dz.dup();
        List<Double> objective = new ArrayList<>();
        objective.add(objective(lambda, p, dz, y, z));
        double t = 1;
        for (int it = 0; it < steps; it++) {
            try (MemoryWorkspace ws = ScratchWorkspace.open("deconvnet-step")) {
                INDArray rw = dw.sub(y);
                double fw = 0.5 * lambda * squared(rw);
                INDArray grad = d.adjoint(rw).muli(lambda);
                INDArray next;
                INDArray dNext;
                double fn;
                while (true) {
                    next = SparsityProx.apply(w.sub(grad.div(l)), 1 / l, p);
                    dNext = d.decode(next);
                    INDArray step = next.sub(w);
                    fn = 0.5 * lambda * squared(dNext.sub(y));
                    double bound = fw + grad.mul(step).sumNumber().doubleValue() + 0.5 * l * squared(step);
                    if (fn <= bound + 1e-12 * Math.abs(bound)) {
                        break;
                    }
                    l *= 2;
                }
                if (fista) {
                    double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                    double m = (t - 1) / tNext;
                    w.assign(next.add(next.sub(z).muli(m)));
                    dw.assign(dNext.add(dNext.sub(dz).muli(m)));
                    t = tNext;
                } else {
                    w.assign(next);
                    dw.assign(dNext);
                }
                z.assign(next);
                dz.assign(dNext);
                objective.add(fn + SparsityProx.penalty(z, p));
            }
        }
        return new Result(z, objective, l);
    }

    private static double squared(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }

    /**
     * @return J = λ/2 ‖D(z) − y‖² + Σ|z|^p, from D(z)
     */
    static double objective(double lambda, double p, INDArray dz, INDArray y, INDArray z) {
        double r = dz.sub(y).norm2Number().doubleValue();
        return 0.5 * lambda * r * r + SparsityProx.penalty(z, p);
    }

    /**
     * @param d      the filters
     * @param y      images
     * @param z      maps
     * @param lambda λ
     * @param p      p
     * @return J(z) for these filters and images
     */
    public static double objective(ConvDictionary d, INDArray y, INDArray z, double lambda, double p) {
        return objective(lambda, p, d.decode(z), y, z);
    }
}
