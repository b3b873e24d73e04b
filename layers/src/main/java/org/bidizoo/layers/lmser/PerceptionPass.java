package org.bidizoo.layers.lmser;

import java.util.Map;

import org.bidizoo.layers.lmser.xu.DenseStack;
import org.bidizoo.layers.lmser.xu.LocalLmserRule;
import org.bidizoo.layers.lmser.xu.Perception;
import org.bidizoo.layers.lmser.xu.PerceptionResult;
import org.bidizoo.layers.lmser.xu.StackDirections;
import org.bidizoo.layers.runtime.LayerPass;
import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One pass of an {@link LmserLayer} with the perception option (seed 001): forward runs Xu's
 * perception to its fixed point ({@link Perception}); backward returns the negated local LMSER rule
 * ({@link LocalLmserRule}) for the output's error, so DL4J's SGD applies Xu's rule. For one level that
 * is the exact gradient; for several it drops the terms through the perception feedback.
 */
final class PerceptionPass implements LayerPass {
    private final LmserLayer conf;
    private final Map<String, INDArray> params;
    private DenseStack stack;
    private PerceptionResult result;
    private INDArray u0;
    private INDArray xhat;

    PerceptionPass(LmserLayer conf, Map<String, INDArray> params) {
        this.conf = conf;
        this.params = params;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        stack = LmserStacks.of(conf, params);
        result = new Perception(conf.getPerceptionTolerance(), conf.getPerceptionMaxIterations(),
                conf.getPerceptionStep()).run(stack, x, false);
        u0 = result.topDownInput(stack);
        xhat = ActivationAdjoint.forward(conf.getOutputActivation(), u0).dup();
        switch (conf.getOutput()) {
            case RECONSTRUCTION:
                return xhat;
            case CODE:
                return result.code().dup();
            default:
                return Nd4j.hstack(xhat, result.code());
        }
    }

    /** @return the result of the last forward pass */
    PerceptionResult result() {
        return result;
    }

    @Override
    public INDArray backward(INDArray epsilon, Map<String, INDArray> grads) {
        long n = stack.size(0);
        INDArray reconEps = null;
        INDArray codeEps = null;
        switch (conf.getOutput()) {
            case RECONSTRUCTION:
                reconEps = epsilon;
                break;
            case CODE:
                codeEps = epsilon;
                break;
            default:
                reconEps = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n));
                codeEps = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(n, epsilon.size(1)));
        }
        INDArray reconError = reconEps == null ? null
                : ActivationAdjoint.backwardInPlace(conf.getOutputActivation(), u0, xhat, reconEps.neg());
        INDArray codeError = codeEps == null ? null : codeEps.neg();
        INDArray[] delta = LocalLmserRule.deltas(stack, result, reconError, codeError);
        StackDirections d = LocalLmserRule.fromDeltas(stack, result, delta);
        for (int k = 0; k < stack.levels(); k++) {
            grads.get(LmserParams.weight(k)).assign(d.weights().get(k).neg());
            if (conf.isBiases()) {
                grads.get(LmserParams.bias(k)).assign(d.upBiases().get(k).neg());
                grads.get(LmserParams.topDownBias(k)).assign(d.downBiases().get(k).neg());
            }
        }
        // dL/dx along the bottom-up path into level 1 (x is clamped in the perception phase)
        return delta[1].mmul(stack.weight(0).transpose()).negi();
    }
}
