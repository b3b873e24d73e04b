package org.bidizoo.layers.runtime;

import java.util.Arrays;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base of every hand-written runtime layer (Lmser's dense and convolutional stacks, {@code InvertibleNet}):
 * DL4J's layer contract for the parameter and gradient views (keys, shapes and flattened order those of the
 * configuration's initializer, so a model saved with the SameDiff reference runtime loads into this one and
 * back), with the forward and backward passes delegated to a {@link LayerPass}. A training forward pass is
 * kept for the backward pass that follows it on the same input ({@link PassCache}).
 *
 * <p>A subclass says how to make a pass on the current parameters ({@link #newPass}) and how to check an
 * input ({@link #checkInput}).
 *
 * @param <C> the layer configuration
 * @param <P> the pass
 */
public abstract class DirectLayer<C extends org.deeplearning4j.nn.conf.layers.Layer, P extends LayerPass>
        extends AbstractLayer<C> {
    private static final long serialVersionUID = 1L;

    private INDArray params;
    private INDArray gradients;
    private Map<String, INDArray> paramTable;
    private Map<String, INDArray> gradTable;
    private final transient PassCache<P> passes = new PassCache<>(this::newPass);

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    protected DirectLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** @return a fresh pass on the current parameters ({@link #paramTable()}) */
    protected abstract P newPass();

    /**
     * Checks a layer input before a forward pass: a clear error naming the layer, the shape or the bad
     * values (the forward pass itself assumes a valid input).
     *
     * @param input the layer input
     */
    protected abstract void checkInput(INDArray input);

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput(input);
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            return passes.activate(input, training, workspaceMgr);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            return passes.backprop(input, epsilon, paramTable, gradTable, gradients, workspaceMgr);
        }
    }

    /**
     * The parameters' regularization (L1, L2, weight decay; DL4J's {@code AbstractLayer} reports 0 for them)
     * plus what the layer's own pass adds ({@link #passScore}); DL4J adds this to training and test scores.
     */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return RegularizationScore.of(layerConf(), paramTable, getIterationCount(), getEpochCount()) + passScore();
    }

    /**
     * @return what the last forward pass adds to the score beyond the parameters' regularization (e.g. an
     *         autoencoder's code penalty); 0 by default
     */
    protected double passScore() {
        return 0;
    }

    /** @return the pass of the last forward call (training or not), or null; read only what it computed itself */
    protected P lastPass() {
        return passes.last();
    }

    /** @return the gradient views, keyed as the parameters */
    protected Map<String, INDArray> gradientTable() {
        return gradTable;
    }

    @Override
    public void clear() {
        super.clear();
        passes.clear();
    }

    @Override
    public Layer clone() {
        throw new UnsupportedOperationException("clone is not supported; copy the network instead");
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no weight noise
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public INDArray getParam(String param) {
        return paramTable.get(param);
    }

    @Override
    public long numParams() {
        return params == null ? 0 : params.length();
    }

    @Override
    public void setParam(String key, INDArray val) {
        INDArray current = paramTable.get(key);
        if (current == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no parameter '" + key + "'; it has "
                    + paramTable.keySet());
        }
        if (!Arrays.equals(current.shape(), val.shape())) {
            throw new IllegalArgumentException("parameter '" + key + "' has shape " + Arrays.toString(current.shape())
                    + ", got " + Arrays.toString(val.shape()));
        }
        current.assign(val);
    }

    @Override
    public void setParams(INDArray params) {
        if (params == null || this.params == null || params.length() != this.params.length()) {
            throw new IllegalArgumentException("expected " + numParams() + " parameters, got "
                    + (params == null ? "null" : params.length()));
        }
        this.params.assign(params);
    }

    @Override
    public void setParamsViewArray(INDArray params) {
        this.params = params;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradients;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        this.gradients = gradients;
        this.gradTable = layerConf().initializer().getGradientsFromFlattened(conf(), gradients);
    }

    @Override
    public void setParamTable(Map<String, INDArray> paramTable) {
        if (this.paramTable == null) {
            this.paramTable = paramTable;
        } else {
            for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
                setParam(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return paramTable;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        return paramTable;
    }
}
