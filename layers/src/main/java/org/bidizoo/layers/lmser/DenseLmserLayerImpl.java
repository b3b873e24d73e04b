package org.bidizoo.layers.lmser;

import java.util.Arrays;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of an all-dense {@link LmserLayer}: the hand-written {@link DenseLmserPass} instead of the
 * SameDiff graph. Parameters have the same keys, shapes and flattened order as the SameDiff runtime,
 * so a model saved with one loads into the other. The activities of a training forward pass are kept
 * until the backward pass that follows it on the same input.
 */
public class DenseLmserLayerImpl extends AbstractLayer<LmserLayer> {
    private static final long serialVersionUID = 1L;

    private INDArray params;
    private INDArray gradients;
    private Map<String, INDArray> paramTable;
    private Map<String, INDArray> gradTable;
    private transient DenseLmserPass cached;
    private transient INDArray cachedInput;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public DenseLmserLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        layerConf().validateInput(input);
        INDArray out;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            DenseLmserPass pass = new DenseLmserPass(layerConf(), paramTable);
            out = pass.forward(input);
            if (training) {
                cached = pass;
                cachedInput = input;
            }
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dx;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            DenseLmserPass pass = cached;
            if (pass == null || cachedInput != input) {
                pass = new DenseLmserPass(layerConf(), paramTable);
                pass.forward(input);
            }
            dx = pass.backward(epsilon, gradTable);
            cached = null;
            cachedInput = null;
        }
        Gradient g = new DefaultGradient(gradients);
        for (String key : paramTable.keySet()) {
            g.gradientForVariable().put(key, gradTable.get(key));
        }
        return new Pair<>(g, workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, dx));
    }

    @Override
    public void clear() {
        super.clear();
        cached = null;
        cachedInput = null;
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
            throw new IllegalArgumentException("Lmser layer has no parameter '" + key + "'; it has " + paramTable.keySet());
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
