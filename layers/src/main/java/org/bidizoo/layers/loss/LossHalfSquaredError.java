package org.bidizoo.layers.loss;

import java.util.Arrays;

import org.bidizoo.layers.runtime.HostMemory;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;

/**
 * The reconstruction loss ½‖ŷ − y‖² summed over the outputs of an example (Eq. 4 of seed 000; equal to
 * DL4J's {@code LossL2} with weights 0.5 on every output, tested), summed over the minibatch and divided by
 * its size when averaging.
 *
 * <p>Why not {@code LossL2}: it runs its score and gradient as six to eight libnd4j ops, each with its own pass
 * over the {@code [b, n]} arrays and its fixed cost per call. With the IDENTITY activation, no mask and
 * contiguous float or double arrays, this loss does each in one Java loop over host memory; anything else
 * (other activations, masks, other backends) takes the op path with the same definition.
 *
 * <p>Shapes: labels and pre-output {@code [b, n]}; mask {@code [b, 1]} (per example) or {@code [b, n]}.
 */
public class LossHalfSquaredError implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /** For JSON. */
    public LossHalfSquaredError() {
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s;
        if (fused(labels, preOutput, activationFn, mask)) {
            HostMemory y = HostMemory.of(labels);
            HostMemory p = HostMemory.of(preOutput);
            int n = (int) p.length();
            s = 0;
            for (int i = 0; i < n; i++) {
                double d = p.get(i) - y.get(i);
                s += d * d;
            }
            s *= 0.5;
        } else {
            s = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        }
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        check(labels, preOutput);
        INDArray diff = activationFn.getActivation(preOutput.dup(), true).subi(labels);
        INDArray sq = diff.muli(diff).muli(0.5);
        if (mask != null) {
            LossUtil.applyMask(sq, mask);
        }
        return sq.sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        if (fused(labels, preOutput, activationFn, mask)) {
            INDArray grad = Nd4j.createUninitialized(preOutput.dataType(), preOutput.shape(), 'c');
            HostMemory y = HostMemory.of(labels);
            HostMemory p = HostMemory.of(preOutput);
            HostMemory g = HostMemory.of(grad);
            int n = (int) p.length();
            for (int i = 0; i < n; i++) {
                g.set(i, p.get(i) - y.get(i));
            }
            return grad;
        }
        check(labels, preOutput);
        INDArray dLda = activationFn.getActivation(preOutput.dup(), true).subi(labels);
        INDArray grad = activationFn.backprop(preOutput.dup(), dLda).getFirst();
        if (mask != null) {
            LossUtil.applyMask(grad, mask);
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    private static boolean fused(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        check(labels, preOutput);
        return mask == null && activationFn instanceof ActivationIdentity && labels.dataType() == preOutput.dataType()
                && HostMemory.supports(labels) && HostMemory.supports(preOutput);
    }

    private static void check(INDArray labels, INDArray preOutput) {
        if (!Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException("LossHalfSquaredError: labels of shape " + Arrays.toString(labels.shape())
                    + " for an output of shape " + Arrays.toString(preOutput.shape()) + "; expected equal shapes");
        }
    }

    @Override
    public String name() {
        return "LossHalfSquaredError";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossHalfSquaredError;
    }

    @Override
    public int hashCode() {
        return LossHalfSquaredError.class.hashCode();
    }
}
