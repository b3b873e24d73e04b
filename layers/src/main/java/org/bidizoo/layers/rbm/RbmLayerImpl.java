package org.bidizoo.layers.rbm;

import java.util.Arrays;

import org.bidizoo.layers.runtime.ScratchWorkspace;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BasePretrainNetwork;
import org.deeplearning4j.nn.params.PretrainParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime of {@link RbmLayer}: forward (hidden mean or mean-field reconstruction), the supervised backward pass
 * of the hidden mean, and the pretraining gradient (CD-k / PCD, {@link ContrastiveDivergence}) that DL4J's
 * {@code pretrain} applies through the layer's updater.
 */
public class RbmLayerImpl extends BasePretrainNetwork<RbmLayer> {
    /** v^k of the persistent chain (PCD), outside any workspace; null until the first update. */
    private transient INDArray chain;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public RbmLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** @return the energy model on this layer's parameter arrays (views: it sees every update) */
    public Rbm rbm() {
        RbmLayer c = layerConf();
        return new Rbm(getParam(PretrainParamInitializer.WEIGHT_KEY), getParam(PretrainParamInitializer.BIAS_KEY),
                getParam(PretrainParamInitializer.VISIBLE_BIAS_KEY), c.getVisibleUnits(), c.getSigma());
    }

    @Override
    public boolean isPretrainLayer() {
        return true;
    }

    @Override
    public Pair<INDArray, INDArray> sampleHiddenGivenVisible(INDArray v) {
        Rbm r = rbm();
        INDArray mean = r.hiddenMean(v);
        return new Pair<>(mean, r.sampleHidden(mean));
    }

    @Override
    public Pair<INDArray, INDArray> sampleVisibleGivenHidden(INDArray h) {
        Rbm r = rbm();
        INDArray mean = r.visibleMean(h);
        return new Pair<>(mean, r.sampleVisible(mean));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        checkInput();
        RbmLayer c = layerConf();
        boolean hiddenOut = c.getOutput() == RbmOutput.HIDDEN;
        INDArray h = hiddenMean(hiddenOut ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM, workspaceMgr);
        if (hiddenOut) {
            return h;
        }
        INDArray w = getParam(PretrainParamInitializer.WEIGHT_KEY);
        INDArray r = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, h.dataType(), input.size(0), w.size(0));
        h.mmuli(w.transpose(), r);
        if (c.getVisibleUnits() == VisibleUnits.BINARY) {
            r.addiRowVector(getParam(PretrainParamInitializer.VISIBLE_BIAS_KEY));
            return Transforms.sigmoid(r, false);
        }
        return r.muli(c.getSigma()).addiRowVector(getParam(PretrainParamInitializer.VISIBLE_BIAS_KEY));
    }

    /** sigm(b + xW/σ) into an array of the given type. */
    private INDArray hiddenMean(ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParam(PretrainParamInitializer.WEIGHT_KEY);
        INDArray x = input.dataType() == w.dataType() ? input : input.castTo(w.dataType());
        INDArray h = workspaceMgr.createUninitialized(type, w.dataType(), x.size(0), w.size(1));
        x.mmuli(w, h);
        double s = layerConf().getSigma();
        if (s != 1.0) {
            h.divi(s);
        }
        h.addiRowVector(getParam(PretrainParamInitializer.BIAS_KEY));
        return Transforms.sigmoid(h, false);
    }

    private void checkInput() {
        long nIn = layerConf().getNIn();
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new DL4JInvalidInputException("RBM layer " + layerId() + ": input shape "
                    + Arrays.toString(input.shape()) + ", expected [b, " + nIn + "]");
        }
    }

    /**
     * Backprop of the hidden mean h = sigm(b + xW/σ): δ = ε ⊙ h(1 − h), ∂W = xᵀδ/σ, ∂b = Σ δ, ε_in = δWᵀ/σ; the
     * visible bias gets a zero gradient (it is a pretrain parameter).
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        RbmLayer c = layerConf();
        if (c.getOutput() != RbmOutput.HIDDEN) {
            throw new UnsupportedOperationException("RBM layer " + layerId() + " outputs its reconstruction, which is"
                    + " trained by contrastive divergence (graph.pretrain / pretrainLayer), not by backprop; use"
                    + " output(RbmOutput.HIDDEN) to fine-tune the RBM as an encoder");
        }
        checkInput();
        INDArray w = getParam(PretrainParamInitializer.WEIGHT_KEY);
        INDArray x = input.dataType() == w.dataType() ? input : input.castTo(w.dataType());
        INDArray h = hiddenMean(ArrayType.BP_WORKING_MEM, workspaceMgr);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, h.dataType(), h.shape())
                .assign(h).rsubi(1.0).muli(h).muli(epsilon);
        double s = c.getSigma();
        INDArray dW = gradientViews.get(PretrainParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(x, delta, dW, true, false, 1.0 / s, 0.0);
        INDArray db = gradientViews.get(PretrainParamInitializer.BIAS_KEY);
        db.assign(delta.sum(true, 0));
        INDArray dc = gradientViews.get(PretrainParamInitializer.VISIBLE_BIAS_KEY);
        dc.assign(0);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.dataType(), x.size(0),
                w.size(0));
        delta.mmuli(w.transpose(), epsOut);
        if (s != 1.0) {
            epsOut.divi(s);
        }
        Gradient g = new DefaultGradient(gradientsFlattened);
        g.gradientForVariable().put(PretrainParamInitializer.WEIGHT_KEY, dW);
        g.gradientForVariable().put(PretrainParamInitializer.BIAS_KEY, db);
        g.gradientForVariable().put(PretrainParamInitializer.VISIBLE_BIAS_KEY, dc);
        weightNoiseParams.clear();
        return new Pair<>(g, backpropDropOutIfPresent(epsOut));
    }

    /**
     * The pretraining step's gradient: contrastive divergence on the current input (CD-k, or PCD-k continuing the
     * stored chain), written into the gradient views; the score is the mean squared error per visible unit of the
     * mean-field reconstruction. DL4J's optimizer then applies the layer's updater and regularization.
     */
    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        RbmLayer c = layerConf();
        try (MemoryWorkspace ws = ScratchWorkspace.open("RBM_CD")) {
            INDArray start = null;
            if (c.isPersistent() && chain != null && chain.size(0) == input.size(0)) {
                start = chain;
            }
            ContrastiveDivergence.Estimate e = ContrastiveDivergence.estimate(rbm(), input, c.getK(), start);
            chain = c.isPersistent() ? e.chainEnd().detach() : null;
            this.gradient = createGradient(e.weightGradient(), e.visibleBiasGradient(), e.hiddenBiasGradient());
            this.score = e.reconstructionError();
        }
    }

    /** Forgets the persistent chain (the next PCD update starts it at the data). */
    public void resetChain() {
        chain = null;
    }
}
