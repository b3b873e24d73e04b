package org.bidizoo.layers.inversion;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A class-balance loss for semi-supervised training, not in seed 002: the Kullback–Leibler divergence of the
 * minibatch's mean class probabilities p̄ = Σ_i m_i p_i / Σ_i m_i from the uniform distribution,
 * KL(p̄ ‖ u) = log C − H(p̄), times the number of masked rows Σ_i m_i and a weight. Where Eq. 9's entropy makes
 * each prediction confident, this keeps the predictions of a minibatch spread over the classes, so that one
 * class cannot absorb another's unlabeled examples (the "regularized information maximization" pairing of the
 * two entropies). Labels are ignored (DL4J needs an array); the label mask ({@code [b, 1]}) chooses the rows
 * that form p̄ (in Eq. 10's setting, the unlabeled ones). It assumes balanced classes.
 *
 * <p>Row i's share of the score is w·m_i·(log C + Σ_c p_ic log p̄_c); the shares sum to w·Σ_i m_i·KL(p̄ ‖ u).
 * Gradient: dL/dp_ic = w·m_i·(log p̄_c + 1), taken back through the activation (use SOFTMAX) by DL4J.
 */
public class LossClassBalance extends WeightedRowLoss {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-10;

    /** Weight 1; also for JSON deserialization. */
    public LossClassBalance() {
    }

    /** @param weight factor on the loss, {@code >= 0} */
    public LossClassBalance(double weight) {
        super(weight);
    }

    /**
     * @param mask    the rows {@code [b, 1]} (ones without a mask)
     * @param p       the class probabilities {@code [b, C]}
     * @param logMean log p̄ {@code [1, C]} over the masked rows, null when no row is masked in
     */
    private record Parts(INDArray mask, INDArray p, INDArray logMean) {
    }

    private Parts parts(INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray m = rowMask(mask, preOutput);
        if (m == null) {
            m = Nd4j.ones(preOutput.dataType(), preOutput.size(0), 1);
        }
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        double n = m.sumNumber().doubleValue();
        INDArray logMean = null;
        if (n > 0) {
            INDArray mean = p.mulColumnVector(m).sum(true, 0).divi(n);
            logMean = Transforms.log(Transforms.max(mean, EPS, false), false);
        }
        return new Parts(m, p, logMean);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Parts parts = parts(preOutput, activationFn, mask);
        if (parts.logMean() == null) {
            return parts.mask().mul(0.0);
        }
        double logC = Math.log(preOutput.size(1));
        return parts.p().mulRowVector(parts.logMean()).sum(true, 1).addi(logC).muli(parts.mask()).muli(getWeight());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Parts parts = parts(preOutput, activationFn, mask);
        if (parts.logMean() == null) {
            return preOutput.ulike().assign(0.0);
        }
        INDArray dLdp = parts.mask().mmul(parts.logMean().add(1.0)).muli(getWeight());
        return activationFn.backprop(preOutput.dup(), dLdp).getFirst();
    }
}
