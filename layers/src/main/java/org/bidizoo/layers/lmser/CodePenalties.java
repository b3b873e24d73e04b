package org.bidizoo.layers.lmser;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The penalties on the top code h {@code [b, m]} that turn an Lmser layer with DCW and DPN off into the
 * regularized autoencoders of seed 004: sparse by L1, λ₁ Σⱼ|hⱼ|; sparse by the KL divergence of a target
 * activation ρ from each unit's mean activation ρ̂ⱼ over the minibatch, β Σⱼ KL(ρ‖ρ̂ⱼ) (sigmoid codes);
 * contractive, λ‖J_f(x)‖²_F for the one-level encoder h = s(xW + b), in closed form
 * Σⱼ s′(netⱼ)² ‖W·ⱼ‖² with s′ = h(1 − h) (sigmoid) or 1 − h² (tanh).
 *
 * <p>Scales follow DL4J's: {@link #score} is what the penalty adds to the minibatch's score (per-example
 * terms averaged over the minibatch, the KL term once per minibatch), and the gradients are {@code b} times
 * ∂score, because DL4J's updater divides every gradient by the minibatch size.
 */
final class CodePenalties {
    /** Mean activations are kept inside [ε, 1 − ε] so that the KL term stays finite. */
    static final double KL_EPS = 1e-7;

    private final double l1;
    private final double klTarget;
    private final double klWeight;
    private final double contraction;
    private final Activation codeActivation;

    CodePenalties(LmserLayer conf) {
        this.l1 = conf.getCodeL1();
        this.klTarget = conf.getCodeKlTarget();
        this.klWeight = conf.getCodeKlWeight();
        this.contraction = conf.getContraction();
        this.codeActivation = conf.getCodeActivation();
    }

    /** @param conf a layer configuration @return whether it has any code penalty */
    static boolean any(LmserLayer conf) {
        return conf.getCodeL1() > 0 || conf.getCodeKlWeight() > 0 || conf.getContraction() > 0;
    }

    /**
     * @param h  the top code {@code [b, m]}
     * @param w0 the first level's weights {@code [nIn, m]} (read for the contraction only)
     * @return the penalties' contribution to the minibatch score
     */
    double score(INDArray h, INDArray w0) {
        long b = h.size(0);
        double s = 0;
        if (l1 > 0) {
            s += l1 * h.norm1Number().doubleValue() / b;
        }
        if (klWeight > 0) {
            INDArray mean = clampedMean(h);
            INDArray t1 = Transforms.log(mean.rdiv(klTarget), false).muli(klTarget);
            INDArray t2 = Transforms.log(mean.rsub(1.0).rdivi(1.0 - klTarget), false).muli(1.0 - klTarget);
            s += klWeight * t1.addi(t2).sumNumber().doubleValue();
        }
        if (contraction > 0) {
            INDArray a = slope(h);
            s += contraction * a.muli(a).mulRowVector(columnNorms(w0)).sumNumber().doubleValue() / b;
        }
        return s;
    }

    /**
     * Adds b·∂score/∂h to {@code dh}.
     *
     * @param h  the top code {@code [b, m]}
     * @param w0 the first level's weights {@code [nIn, m]}
     * @param dh {@code [b, m]}, accumulated into
     */
    void addCodeGradient(INDArray h, INDArray w0, INDArray dh) {
        if (l1 > 0) {
            dh.addi(Transforms.sign(h, true).muli(l1));
        }
        if (klWeight > 0) {
            INDArray mean = clampedMean(h);
            // d/dρ̂ of ρ ln(ρ/ρ̂) + (1−ρ) ln((1−ρ)/(1−ρ̂)) = −ρ/ρ̂ + (1−ρ)/(1−ρ̂); ∂ρ̂ⱼ/∂hᵢⱼ = 1/b, times b
            INDArray g = mean.rdiv(-klTarget).addi(mean.rsub(1.0).rdivi(1.0 - klTarget)).muli(klWeight);
            dh.addiRowVector(g);
        }
        if (contraction > 0) {
            // ∂/∂h of λ a(h)² cⱼ = 2λ cⱼ a a′(h)
            INDArray a = slope(h);
            INDArray g = a.muli(slopeDerivative(h)).muliRowVector(columnNorms(w0)).muli(2 * contraction);
            dh.addi(g);
        }
    }

    /**
     * Adds b·∂score/∂W of the contraction's direct dependence on W (2λ W·ⱼ Σᵢ aᵢⱼ²) to {@code gw}.
     *
     * @param h  the top code {@code [b, m]}
     * @param w0 the first level's weights {@code [nIn, m]}
     * @param gw their gradient {@code [nIn, m]}, accumulated into
     */
    void addWeightGradient(INDArray h, INDArray w0, INDArray gw) {
        if (contraction > 0) {
            INDArray a = slope(h);
            INDArray perUnit = a.muli(a).sum(0).muli(2 * contraction);
            gw.addi(w0.mulRowVector(perUnit));
        }
    }

    private static INDArray clampedMean(INDArray h) {
        INDArray mean = h.mean(0);
        return Transforms.max(Transforms.min(mean, 1 - KL_EPS, false), KL_EPS, false);
    }

    private static INDArray columnNorms(INDArray w) {
        return w.mul(w).sum(0);
    }

    /** s′ as a function of the activity: h(1 − h) for sigmoid, 1 − h² for tanh (a new array). */
    private INDArray slope(INDArray h) {
        return codeActivation == Activation.SIGMOID ? h.rsub(1.0).muli(h) : h.mul(h).rsubi(1.0);
    }

    /** d s′/dh: 1 − 2h for sigmoid, −2h for tanh (a new array). */
    private INDArray slopeDerivative(INDArray h) {
        return codeActivation == Activation.SIGMOID ? h.mul(-2.0).addi(1.0) : h.mul(-2.0);
    }
}
