package org.bidizoo.layers.runtime;

import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward and backward calls of a hand-written layer runtime: a training forward pass runs in the
 * activations workspace ({@link LayerWorkspaces}) and is kept for the backward pass that follows it on
 * the same input; any other backward pass recomputes it (as an inference pass). Every pass allocates its output in the
 * activations workspace (when one is open), so no copy follows; a backward pass allocates in the activation-gradient
 * workspace.
 *
 * @param <P> the pass type
 */
public final class PassCache<P extends LayerPass> {
    private final Supplier<P> newPass;
    private P pass;
    private INDArray passInput;
    private P last;

    /** @param newPass makes a fresh pass on the layer's current parameters */
    public PassCache(Supplier<P> newPass) {
        this.newPass = newPass;
    }

    /**
     * @param input        the layer input
     * @param training     whether a backward pass may follow
     * @param workspaceMgr the layer's workspace manager
     * @return the layer output, in the activations workspace
     */
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        clear();
        P p = newPass.get();
        last = p;
        INDArray out;
        // the pass's own arrays live outside every workspace (StepArrays); what it allocates here is its
        // output, which so lands in the activations workspace without a copy (or detached, if none is open)
        try (MemoryWorkspace ws = LayerWorkspaces.scope(ArrayType.ACTIVATIONS, workspaceMgr)) {
            out = p.forward(input, training);
        }
        if (training) {
            pass = p;
            passInput = input;
        }
        return LayerWorkspaces.moveTo(ArrayType.ACTIVATIONS, out, workspaceMgr);
    }

    /**
     * @param input        the layer input
     * @param epsilon      dL/d(output)
     * @param paramTable   the layer's parameters
     * @param gradTable    the layer's gradient views, keyed as the parameters (overwritten)
     * @param gradients    the flattened gradient view
     * @param workspaceMgr the layer's workspace manager
     * @return the gradient and dL/dx in the activation-gradient workspace (null if the pass skipped it)
     */
    public Pair<Gradient, INDArray> backprop(INDArray input, INDArray epsilon, Map<String, INDArray> paramTable,
                                             Map<String, INDArray> gradTable, INDArray gradients,
                                             LayerWorkspaceMgr workspaceMgr) {
        P p = pass;
        if (p == null || passInput != input) {
            p = newPass.get();
            p.forward(input, false);
        }
        clear();
        INDArray dx;
        // what the backward pass allocates (its temporaries and dL/dx) lands in the activation-gradient workspace,
        // whose memory DL4J reuses from step to step: fresh off-heap arrays every step cost page faults (inversion's
        // pass allocates per op; a cached pass's own arrays are outside every workspace and unaffected)
        try (MemoryWorkspace ws = LayerWorkspaces.scope(ArrayType.ACTIVATION_GRAD, workspaceMgr)) {
            dx = p.backward(epsilon, gradTable);
        }
        Gradient g = new DefaultGradient(gradients);
        for (String key : paramTable.keySet()) {
            g.gradientForVariable().put(key, gradTable.get(key));
        }
        return new Pair<>(g, dx == null ? null : LayerWorkspaces.moveTo(ArrayType.ACTIVATION_GRAD, dx, workspaceMgr));
    }

    /**
     * @return the pass of the last {@link #activate} call, training or not, or null (its arrays may have been
     *         reused since: read only what it computed for itself, such as a score)
     */
    public P last() {
        return last;
    }

    /** Drops the kept pass. */
    public void clear() {
        pass = null;
        passInput = null;
    }

    /**
     * Wires a runtime layer as DL4J's own {@code instantiate} methods do.
     *
     * @param layer            the new runtime layer
     * @param conf             its configuration
     * @param listeners        training listeners
     * @param index            its index in the network
     * @param paramsView       its view of the network's flattened parameters
     * @param paramTable       its parameters, views of {@code paramsView}
     * @param <L>              the layer type
     * @return {@code layer}
     */
    public static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                           int index, INDArray paramsView, Map<String, INDArray> paramTable) {
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        layer.setListeners(listeners);
        return layer;
    }
}
