package org.bidizoo.layers.inversion;

import org.bidizoo.layers.runtime.LayerWorkspaces;
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
 * The runtime layer of an {@link InvertibleNet} with the {@link InvertibleRuntime#DIRECT} runtime: DL4J's
 * SameDiff layer for the parameter and gradient views, with its forward and backward passes replaced
 * by an {@link InvertiblePass}. A training forward pass is kept for the backward pass that follows it
 * on the same input; any other backward pass recomputes it. A training forward pass's arrays live in
 * DL4J's activations workspace ({@link LayerWorkspaces}), the backward pass's in the working memory,
 * so that a step reuses the memory of the one before it instead of allocating fresh buffers.
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
        return new InvertiblePass(c, paramTable, input, c.getOutput() != InversionOutput.LOGITS);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!training) {
            pass = null;
            passInput = null;
            InvertiblePass p = newPass();
            // temporaries in the current (working-memory) workspace, the output in the activations workspace
            return LayerWorkspaces.moveTo(ArrayType.ACTIVATIONS, p.forward(), workspaceMgr);
        }
        // training: everything in the activations workspace, which lives until the backward pass
        InvertiblePass p;
        INDArray out;
        try (MemoryWorkspace ws = LayerWorkspaces.scope(ArrayType.ACTIVATIONS, workspaceMgr)) {
            p = newPass();
            out = p.forward();
        }
        pass = p;
        passInput = input;
        return LayerWorkspaces.moveTo(ArrayType.ACTIVATIONS, out, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        InvertiblePass p = pass;
        pass = null;
        if (p == null || passInput != input) {
            p = newPass();
            p.forward();
        }
        passInput = null;
        INDArray dx = p.backward(epsilon, gradTable);
        Gradient g = new DefaultGradient(gradients);
        for (String s : paramTable.keySet()) {
            g.gradientForVariable().put(s, gradTable.get(s));
        }
        return new Pair<>(g, LayerWorkspaces.moveTo(ArrayType.ACTIVATION_GRAD, dx, workspaceMgr));
    }

    @Override
    public void clear() {
        super.clear();
        pass = null;
        passInput = null;
    }
}
