package org.bidizoo.layers.inversion;

import org.bidizoo.layers.runtime.DirectLayer;
import org.bidizoo.layers.runtime.InputChecks;
import org.bidizoo.layers.runtime.InputGradientSwitch;
import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of an {@link InvertibleNet} with the {@link PassRuntime#DIRECT} runtime: its forward
 * and backward passes are an {@link InvertiblePass}, on the {@link DirectLayer} base shared with Lmser. A
 * training forward pass is kept for the backward pass that follows it on the same input: its arrays live in
 * DL4J's activations workspace, the backward pass's in the working memory, so that a step reuses the memory
 * of the one before it instead of allocating fresh buffers.
 */
public class InvertibleNetLayer extends DirectLayer<InvertibleNet, InvertiblePass> implements InputGradientSwitch {
    private static final long serialVersionUID = 1L;

    private boolean inputGradientForced;

    /**
     * @param conf     the layer's configuration (an {@link InvertibleNet})
     * @param dataType the network's data type
     */
    public InvertibleNetLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected InvertiblePass newPass() {
        return new InvertiblePass(layerConf(), paramTable(), layerConf().getOutput() != InversionOutput.LOGITS,
                inputGradientForced || layerConf().isInputGradient());
    }

    @Override
    public void setInputGradientForced(boolean forced) {
        this.inputGradientForced = forced;
    }

    @Override
    protected void checkInput(INDArray input) {
        InputChecks.requireUsable("InvertibleNet " + layerConf().getLayerName(), input, dataType);
        layerConf().validateInput(input);
    }
}
