package org.bidizoo.layers.samediff;

import org.bidizoo.layers.runtime.InputChecks;
import org.bidizoo.layers.runtime.RegularizationScore;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime SameDiff layer with the gradient doubling of 1.0.0-M2.1 undone (see
 * {@link GradientCorrection}): parameter gradients and the returned epsilon are divided by
 * {@link GradientCorrection#UPSTREAM_FACTOR}.
 */
public class CorrectedSameDiffLayerImpl extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
    private static final long serialVersionUID = 1L;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public CorrectedSameDiffLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        InputChecks.requireUsable(layerConf().getClass().getSimpleName() + " " + layerConf().getLayerName(), input,
                dataType);
        return super.activate(training, workspaceMgr);
    }

    /** The parameters' regularization (L1, L2, weight decay), which DL4J's SameDiff layer reports as 0. */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return RegularizationScore.of(layerConf(), paramTable(), getIterationCount(), getEpochCount());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> p = super.backpropGradient(epsilon, workspaceMgr);
        double scale = 1.0 / GradientCorrection.UPSTREAM_FACTOR;
        if (gradients != null) {
            gradients.muli(scale);
        }
        if (p.getSecond() != null) {
            p.getSecond().muli(scale);
        }
        return p;
    }
}
