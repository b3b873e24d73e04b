package org.bidizoo.layers.inversion;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of an {@link InvertibleNet} with the {@link InvertibleEngine#DIRECT} engine: DL4J's
 * SameDiff layer for the parameter and gradient views, with its forward and backward passes replaced
 * by an {@link InvertiblePass}. A training forward pass is kept for the backward pass that follows it
 * on the same input; any other backward pass recomputes it. The forward pass's arrays live in DL4J's
 * activations workspace (open from the forward pass through the backward pass of a training step),
 * the backward pass's in the backprop working memory, so that a step reuses the memory of the one
 * before it instead of allocating fresh buffers.
 */
public class InvertibleNetLayer extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
    private static final long serialVersionUID = 1L;

    private transient InvertiblePass pass;
    private transient INDArray passInput;

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

    private InvertiblePass newPass() {
        InvertibleNet c = net();
        c.validateInput(input);
        return new InvertiblePass(c, paramTable, input.dup(), c.getOutput() != InversionOutput.LOGITS);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            InvertiblePass p = newPass();
            INDArray out = p.forward();
            pass = training ? p : null;
            passInput = training ? input : null;
            return out;
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Gradient g = new DefaultGradient();
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.BP_WORKING_MEM)) {
            InvertiblePass p = pass;
            if (p == null || passInput != input) {
                p = newPass();
                p.forward();
            }
            pass = null;
            passInput = null;
            INDArray dx = p.backward(epsilon, gradTable);
            for (String s : paramTable.keySet()) {
                g.gradientForVariable().put(s, gradTable.get(s));
            }
            return new Pair<>(g, workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dx));
        }
    }

    @Override
    public void clear() {
        super.clear();
        pass = null;
        passInput = null;
    }
}
