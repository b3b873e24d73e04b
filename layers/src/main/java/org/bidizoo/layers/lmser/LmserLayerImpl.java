package org.bidizoo.layers.lmser;

import java.util.Arrays;

import org.bidizoo.layers.runtime.DirectLayer;
import org.bidizoo.layers.runtime.InputChecks;
import org.bidizoo.layers.runtime.InputGradientSwitch;
import org.bidizoo.layers.runtime.StepArrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of an {@link LmserLayer} (dense and convolutional levels): the hand-written {@link LmserPass}
 * instead of the SameDiff graph, on the shared {@link DirectLayer} base. Parameters have the same keys, shapes
 * and flattened order as the SameDiff runtime, so a model saved with one loads into the other.
 */
public class LmserLayerImpl extends DirectLayer<LmserLayer, LmserPass> implements InputGradientSwitch {
    private static final long serialVersionUID = 1L;

    private boolean inputGradientForced;
    /** Kept from step to step: every per-step array of the passes. */
    private final transient StepArrays arrays = new StepArrays();

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public LmserLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected LmserPass newPass() {
        return new LmserPass(layerConf(), paramTable(), arrays, inputGradientForced || layerConf().isInputGradient());
    }

    /** The code penalties of the last forward pass (sparse, contractive), when the layer has any. */
    @Override
    protected double passScore() {
        LmserPass last = lastPass();
        return last == null || !CodePenalties.any(layerConf()) ? 0 : last.penaltyScore();
    }

    @Override
    protected void checkInput(INDArray input) {
        InputChecks.requireUsable("LmserLayer " + layerConf().getLayerName(), input, dataType);
        layerConf().validateInput(input);
    }

    /**
     * Generation from top codes (see {@link LmserPass#decode}).
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
            return new LmserPass(layerConf(), paramTable()).decode(code.castTo(params().dataType()), reflections);
        }
    }

    /**
     * @param x inputs {@code [b, nIn]} or {@code [b, C, H, W]}
     * @return their top codes {@code [b, codeSize]} (last reflection's bottom-up pass; a convolutional top
     *         code flattened), detached
     */
    public INDArray encode(INDArray x) {
        layerConf().validateInput(x);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            LmserPass pass = new LmserPass(layerConf(), paramTable());
            pass.forward(x.castTo(params().dataType()));
            INDArray code = pass.code();
            return code.reshape('c', code.size(0), code.length() / code.size(0)).dup();
        }
    }

    @Override
    public void setInputGradientForced(boolean forced) {
        this.inputGradientForced = forced;
    }
}
