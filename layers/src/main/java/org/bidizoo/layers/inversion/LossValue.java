package org.bidizoo.layers.inversion;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss whose input already is the per-example loss: score = Σ of the (activated) values of a row,
 * gradient 1. For losses a layer computes itself, such as {@link InversionOutput#ALL}'s per-layer
 * reconstruction column. Labels are ignored (pass any array of the same shape); the label mask
 * ({@code [b, 1]}) is applied. Use activation IDENTITY.
 */
public class LossValue extends PerExampleLoss {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray v = activationFn.getActivation(preOutput.dup(), true).sum(true, 1);
        return mask == null ? v : v.muli(mask.reshape(v.shape()).castTo(v.dataType()));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray ones = preOutput.ulike().assign(1.0);
        if (mask != null) {
            ones.muliColumnVector(mask.reshape(preOutput.size(0), 1).castTo(ones.dataType()));
        }
        return activationFn.backprop(preOutput.dup(), ones).getFirst();
    }

    @Override
    public String name() {
        return "LossValue";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossValue;
    }

    @Override
    public int hashCode() {
        return LossValue.class.hashCode();
    }
}
