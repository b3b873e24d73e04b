package org.bidizoo.layers.lmser;

import java.util.Arrays;
import java.util.Map;

import org.bidizoo.layers.runtime.InputChecks;
import org.bidizoo.layers.runtime.InputGradientSwitch;
import org.bidizoo.layers.runtime.PassCache;
import org.bidizoo.layers.runtime.RegularizationScore;
import org.bidizoo.layers.runtime.StepArrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
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
public class DenseLmserLayerImpl extends AbstractLayer<LmserLayer> implements InputGradientSwitch {
    private static final long serialVersionUID = 1L;

    private INDArray params;
    private INDArray gradients;
    private Map<String, INDArray> paramTable;
    private Map<String, INDArray> gradTable;
    private boolean inputGradientForced;
    /** What the code penalties add to the score for the last forward pass. */
    private double penaltyScore;
    /** Kept from step to step: every per-step array of the passes. */
    private final transient StepArrays arrays = new StepArrays();
    private final transient PassCache<DenseLmserPass> passes = new PassCache<>(() -> new DenseLmserPass(layerConf(),
            paramTable, arrays, inputGradientForced || layerConf().isInputGradient()));

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
        InputChecks.requireUsable("LmserLayer " + layerConf().getLayerName(), input, dataType);
        layerConf().validateInput(input);
        INDArray out = passes.activate(input, training, workspaceMgr);
        penaltyScore = passes.last().penaltyScore();
        return out;
    }

    /**
     * The regularization of the parameters (L1, L2, weight decay: DL4J's {@code AbstractLayer} reports 0 for
     * them) plus the code penalties of the last forward pass (DL4J adds this to training and test scores alike).
     */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return RegularizationScore.of(layerConf(), paramTable, getIterationCount(), getEpochCount())
                + (CodePenalties.any(layerConf()) ? penaltyScore : 0);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        return passes.backprop(input, epsilon, paramTable, gradTable, gradients, workspaceMgr);
    }

    /**
     * Generation from top codes (see {@link DenseLmserPass#decode}).
     *
     * @param code        {@code [b, codeSize]}
     * @param reflections passes, {@code >= 1}
     * @return reconstructions {@code [b, nIn]}, detached
     */
    public INDArray decode(INDArray code, int reflections) {
        if (reflections < 1) {
            throw new IllegalArgumentException("reflections = " + reflections + ", expected >= 1");
        }
        long codeSize = layerConf().shapes().codeSize();
        if (code.rank() != 2 || code.size(1) != codeSize) {
            throw new IllegalArgumentException("code of shape " + Arrays.toString(code.shape()) + ", expected [batch, "
                    + codeSize + "]");
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new DenseLmserPass(layerConf(), paramTable).decode(code.castTo(params.dataType()), reflections);
        }
    }

    /**
     * @param x inputs {@code [b, nIn]}
     * @return their top codes {@code [b, codeSize]} (last reflection's bottom-up pass), detached
     */
    public INDArray encode(INDArray x) {
        layerConf().validateInput(x);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            DenseLmserPass pass = new DenseLmserPass(layerConf(), paramTable);
            pass.forward(x.castTo(params.dataType()));
            return pass.code().dup();
        }
    }

    @Override
    public void setInputGradientForced(boolean forced) {
        this.inputGradientForced = forced;
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
