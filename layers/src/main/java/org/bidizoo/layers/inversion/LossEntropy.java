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
public class LossEntropy extends WeightedRowLoss {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-10;

    /** Weight 1; also for JSON deserialization. */
    public LossEntropy() {
    }

    /** @param weight factor on the entropy, {@code >= 0} (Eq. 10: (1 − α)(1 − β)) */
    public LossEntropy(double weight) {
        super(weight);
    }

    private INDArray probabilities(INDArray preOutput, IActivation activationFn) {
        return Transforms.max(activationFn.getActivation(preOutput.dup(), true), EPS, false);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        INDArray e = p.mul(Transforms.log(p, true)).sum(true, 1).negi().muli(getWeight());
        INDArray m = rowMask(mask, preOutput);
        return m == null ? e : e.muli(m);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        INDArray dLdp = Transforms.log(p, true).addi(1.0).negi().muli(getWeight());
        INDArray m = rowMask(mask, preOutput);
        if (m != null) {
            dLdp.muliColumnVector(m);
        }
        return activationFn.backprop(preOutput.dup(), dLdp).getFirst();
    }
}
