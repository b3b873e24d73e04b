package org.bidizoo.layers.inversion;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The "specialization" loss of seed 002 (Eq. 9): the Shannon entropy E = −Σ_c p_c log p_c of the
 * class probabilities p = activation(preOutput) (use SOFTMAX), times a weight. Labels are ignored (DL4J
 * needs an array; pass the one-hot labels or zeros). The label mask ({@code [b, 1]}: 1 = count the row)
 * is applied here, since DL4J leaves that to custom losses: in Eq. 10 it selects the unlabeled rows.
 *
 * <p>Gradient: dE/dp_c = −(log p_c + 1), taken back through the activation by DL4J's {@code backprop}.
 */
public class LossEntropy extends PerExampleLoss {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-10;

    private double weight = 1.0;

    /** Weight 1; also for JSON deserialization. */
    public LossEntropy() {
    }

    /** @param weight factor on the entropy, {@code >= 0} (Eq. 10: (1 − α)(1 − β)) */
    public LossEntropy(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight = " + weight + ", expected a finite number >= 0");
        }
        this.weight = weight;
    }

    private INDArray probabilities(INDArray preOutput, IActivation activationFn) {
        return Transforms.max(activationFn.getActivation(preOutput.dup(), true), EPS, false);
    }

    private static INDArray rowMask(INDArray mask, long rows) {
        if (mask == null) {
            return null;
        }
        if (mask.length() != rows) {
            throw new IllegalArgumentException("LossEntropy: label mask of shape " + java.util.Arrays.toString(mask.shape())
                    + ", expected one value per example [" + rows + ", 1]");
        }
        return mask.reshape(rows, 1).castTo(mask.dataType());
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        INDArray e = p.mul(Transforms.log(p, true)).sum(true, 1).negi().muli(weight);
        INDArray m = rowMask(mask, preOutput.size(0));
        return m == null ? e : e.muli(m.castTo(e.dataType()));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        INDArray dLdp = Transforms.log(p, true).addi(1.0).negi().muli(weight);
        INDArray m = rowMask(mask, preOutput.size(0));
        if (m != null) {
            dLdp.muliColumnVector(m.castTo(dLdp.dataType()));
        }
        return activationFn.backprop(preOutput.dup(), dLdp).getFirst();
    }

    @Override
    public String name() {
        return "LossEntropy(" + weight + ")";
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
        return o instanceof LossEntropy l && l.weight == weight;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(weight);
    }
}
