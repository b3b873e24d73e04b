package org.bidizoo.layers.lmser;

import org.bidizoo.layers.lmser.xu.PerceptionResult;
import org.bidizoo.layers.runtime.PassCache;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime of an {@link LmserLayer} with the perception option (seed 001): the forward pass runs the
 * perception phase to its fixed point, the backward pass returns Xu's local LMSER rule
 * ({@link PerceptionPass}). Parameters are those of the dense runtime, so a model trains with one and
 * runs with the other.
 */
public class PerceptionLmserLayerImpl extends LmserLayerImpl {
    private static final long serialVersionUID = 1L;

    private transient PerceptionPass last;
    private final transient PassCache<PerceptionPass> perceptionPasses = new PassCache<>(this::perceptionPass);

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public PerceptionLmserLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private PerceptionPass perceptionPass() {
        last = new PerceptionPass(layerConf(), paramTable());
        return last;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        layerConf().validateInput(input);
        return perceptionPasses.activate(input, training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        return perceptionPasses.backprop(input, epsilon, paramTable(),
                gradientTable(), getGradientsViewArray(), workspaceMgr);
    }

    /** @return the perception phase of the last forward pass (iterations taken, convergence), or null */
    public PerceptionResult lastPerception() {
        return last == null ? null : last.result();
    }

    @Override
    public void clear() {
        super.clear();
        perceptionPasses.clear();
    }
}
