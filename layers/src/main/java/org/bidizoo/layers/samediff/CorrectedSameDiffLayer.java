package org.bidizoo.layers.samediff;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base configuration of every bidizoo SameDiff layer: a DL4J {@code SameDiffLayer} whose runtime
 * layer returns true gradients ({@link CorrectedSameDiffLayerImpl}).
 */
public abstract class CorrectedSameDiffLayer extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer {
    private static final long serialVersionUID = 1L;

    /** @param builder the layer builder */
    protected CorrectedSameDiffLayer(Builder<?> builder) {
        super(builder);
    }

    /** For JSON deserialization. */
    protected CorrectedSameDiffLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        CorrectedSameDiffLayerImpl ret = new CorrectedSameDiffLayerImpl(conf, networkDataType);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        ret.setListeners(trainingListeners);
        return ret;
    }
}
