package org.bidizoo.layers.inversion;

import org.bidizoo.layers.runtime.InputChecks;
import org.bidizoo.layers.runtime.PassCache;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of an {@link InvertibleNet} with the {@link InvertibleRuntime#DIRECT} runtime: DL4J's
 * SameDiff layer for the parameter and gradient views, with its forward and backward passes replaced
 * by an {@link InvertiblePass}. A training forward pass is kept for the backward pass that follows it
 * on the same input ({@link PassCache}): its arrays live in DL4J's activations workspace, the backward
 * pass's in the working memory, so that a step reuses the memory of the one before it instead of
 * allocating fresh buffers.
 */
public class InvertibleNetLayer extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
    private static final long serialVersionUID = 1L;

    private final transient PassCache<InvertiblePass> passes = new PassCache<>(() -> new InvertiblePass(net(),
            paramTable, net().getOutput() != InversionOutput.LOGITS));

    /**
     * @param conf     the layer's configuration (an {@link InvertibleNet})
     * @param dataType the network's data type
     */
    public InvertibleNetLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private InvertibleNet net() {
        return (InvertibleNet) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        InputChecks.requireUsable("InvertibleNet " + net().getLayerName(), input, dataType);
        net().validateInput(input);
        return passes.activate(input, training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        return passes.backprop(input, epsilon, paramTable, gradTable, gradients, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        passes.clear();
    }
}
