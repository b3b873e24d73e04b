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
public class LossClassBalance extends PerExampleLoss {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-10;

    private double weight = 1.0;

    /** Weight 1; also for JSON deserialization. */
    public LossClassBalance() {
    }

    /** @param weight factor on the loss, {@code >= 0} */
    public LossClassBalance(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight = " + weight + ", expected a finite number >= 0");
        }
        this.weight = weight;
    }

    private static INDArray rowMask(INDArray mask, INDArray preOutput) {
        long rows = preOutput.size(0);
        if (mask == null) {
            return Nd4j.ones(preOutput.dataType(), rows, 1);
        }
        if (mask.length() != rows) {
            throw new IllegalArgumentException("LossClassBalance: label mask of shape "
                    + java.util.Arrays.toString(mask.shape()) + ", expected one value per example [" + rows + ", 1]");
        }
        return mask.reshape(rows, 1).castTo(preOutput.dataType());
    }

    /** @return log p̄ {@code [1, C]} over the masked rows of p, or null when no row is masked in */
    private static INDArray logMean(INDArray p, INDArray m) {
        double n = m.sumNumber().doubleValue();
        if (n <= 0) {
            return null;
        }
        INDArray mean = p.mulColumnVector(m).sum(true, 0).divi(n);
        return Transforms.log(Transforms.max(mean, EPS, false), false);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray m = rowMask(mask, preOutput);
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        INDArray logMean = logMean(p, m);
        if (logMean == null) {
            return m.mul(0.0);
        }
        double logC = Math.log(preOutput.size(1));
        return p.mulRowVector(logMean).sum(true, 1).addi(logC).muli(m).muli(weight);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray m = rowMask(mask, preOutput);
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        INDArray logMean = logMean(p, m);
        if (logMean == null) {
            return preOutput.ulike().assign(0.0);
        }
        INDArray dLdp = m.mmul(logMean.add(1.0)).muli(weight);
        return activationFn.backprop(preOutput.dup(), dLdp).getFirst();
    }

    @Override
    public String name() {
        return "LossClassBalance(" + weight + ")";
    }

    /** @return the weight */
    public double getWeight() {
        return weight;
    }

    /** @param weight the weight (JSON) */
    public void setWeight(double weight) {
        this.weight = weight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossClassBalance l && l.weight == weight;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(weight);
    }
}
