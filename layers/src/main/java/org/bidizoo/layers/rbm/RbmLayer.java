package org.bidizoo.layers.rbm;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BasePretrainNetwork;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.PretrainParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A restricted Boltzmann machine (seed 004) as a DL4J <em>pretrain layer</em>: DL4J's own
 * {@code ComputationGraph.pretrain(iterator)}, {@code pretrainLayer(name, iterator)} and
 * {@code MultiLayerNetwork.pretrain(...)} train it by contrastive divergence, and after that it is an ordinary
 * layer whose forward pass is the hidden mean p(h = 1 | x) = sigm(b + xᵀW/σ), fine-tuned by backprop like a dense
 * sigmoid layer.
 *
 * <p><b>Why a DL4J layer and not a trainer of our own.</b> DL4J 1.0.0-M2.1 dropped its RBM but kept the hook it
 * used: a layer whose {@code isPretrainLayer()} is true is trained, layer by layer in topological order, by
 * {@code pretrain}, which feeds it the activations of the layers below and calls its {@code fit(input)}; the
 * layer's {@code computeGradientAndScore} supplies the gradient, and DL4J's optimizer applies it with the layer's
 * own updater and regularization — the mechanism DL4J's {@code VariationalAutoencoder} and {@code AutoEncoder}
 * use. So CD-k and PCD are the layer's {@code computeGradientAndScore} ({@link ContrastiveDivergence}), and:
 * <ul>
 * <li>momentum is DL4J's momentum updater on the layer ({@code .updater(new Nesterovs(0.1, 0.9))}, with a
 * momentum schedule if wanted), and weight decay DL4J's L2 on the weights ({@code .l2(2e-4)}, Hinton's "weight
 * cost", added to the gradient before momentum) or {@code .weightDecay(...)};</li>
 * <li>greedy stacking of a deep belief network is {@code graph.pretrain(iterator)} on a graph of RBM layers
 * (each trained on the hidden means of the one below), and fine-tuning is {@code graph.fit};</li>
 * <li>the parameters are DL4J's pretrain parameters: W {@code [nIn, nOut]}, hidden bias b {@code [1, nOut]} and
 * visible bias c {@code [1, nIn]} ({@link PretrainParamInitializer}); c is a pretrain-only parameter, untouched by
 * backprop.</li>
 * </ul>
 * One limit of the hook: the pretraining updater's state (momentum velocity) and a persistent chain live in the
 * layer object, not in the network's updater state, so a checkpoint restores the parameters but restarts both.
 *
 * <p>Shapes: input {@code [b, nIn]} (a convolutional input type is flattened by DL4J's preprocessor), output
 * {@code [b, nOut]} ({@link RbmOutput#HIDDEN}) or {@code [b, nIn]} ({@link RbmOutput#RECONSTRUCTION}, forward
 * only).
 *
 * <pre>{@code
 * .addLayer("rbm", RbmLayer.builder().nIn(784).nOut(500).k(1).persistent(false)
 *         .visibleUnits(VisibleUnits.BINARY).updater(new Nesterovs(0.1, 0.9)).l2(2e-4).build(), "input")
 * ...
 * graph.pretrainLayer("rbm", iterator);   // CD-1
 * }</pre>
 */
public class RbmLayer extends BasePretrainNetwork {
    private int k = 1;
    private boolean persistent;
    private VisibleUnits visibleUnits = VisibleUnits.BINARY;
    private double sigma = 1.0;
    private RbmOutput output = RbmOutput.HIDDEN;

    /** For JSON deserialization only; use {@link #builder()}. */
    public RbmLayer() {
    }

    private RbmLayer(Builder b) {
        super(b);
        this.k = b.k;
        this.persistent = b.persistent;
        this.visibleUnits = b.visibleUnits;
        this.sigma = b.sigma;
        this.output = b.output;
    }

    /** @return a builder: CD-1, binary visible units, σ = 1, hidden-mean output */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        RbmLayerImpl ret = new RbmLayerImpl(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(params);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return PretrainParamInitializer.getInstance();
    }

    /**
     * @param layerIndex the layer's index (for messages)
     * @param inputType  feed-forward of size nIn (after DL4J's preprocessor)
     * @return feed-forward of size nOut (hidden) or nIn (reconstruction)
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null || (inputType.getType() != InputType.Type.FF
                && inputType.getType() != InputType.Type.CNNFlat)) {
            throw new IllegalArgumentException("RBM layer " + layerIndex + " (" + getLayerName() + "): input type "
                    + inputType + ", expected feed-forward (a convolutional input is flattened by DL4J's preprocessor)");
        }
        return output == RbmOutput.HIDDEN ? InputType.feedForward(nOut)
                : InputType.feedForward(inputType.arrayElementsPerExample());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long updaterState = getIUpdater().stateSize(params);
        long working = inputType.arrayElementsPerExample() + nOut;
        return new LayerMemoryReport.Builder(layerName, RbmLayer.class, inputType, outputType)
                .standardMemory(params, updaterState).workingMemory(0, 0, working, working)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    /** @return Gibbs steps per update (CD-k / PCD-k) */
    public int getK() {
        return k;
    }

    /** @param k Gibbs steps, {@code >= 1} (JSON) */
    public void setK(int k) {
        this.k = k;
    }

    /** @return whether the negative chain persists across minibatches (PCD) */
    public boolean isPersistent() {
        return persistent;
    }

    /** @param persistent PCD instead of CD (JSON) */
    public void setPersistent(boolean persistent) {
        this.persistent = persistent;
    }

    /** @return the visible units' kind */
    public VisibleUnits getVisibleUnits() {
        return visibleUnits;
    }

    /** @param visibleUnits binary or Gaussian (JSON) */
    public void setVisibleUnits(VisibleUnits visibleUnits) {
        this.visibleUnits = visibleUnits;
    }

    /** @return σ of Gaussian visible units (1 for binary) */
    public double getSigma() {
        return sigma;
    }

    /** @param sigma σ {@code > 0} (JSON) */
    public void setSigma(double sigma) {
        this.sigma = sigma;
    }

    /** @return what the forward pass outputs */
    public RbmOutput getOutput() {
        return output;
    }

    /** @param output hidden mean or reconstruction (JSON) */
    public void setOutput(RbmOutput output) {
        this.output = output;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RbmLayer r) || !super.equals(o)) {
            return false;
        }
        return k == r.k && persistent == r.persistent && visibleUnits == r.visibleUnits
                && Double.compare(sigma, r.sigma) == 0 && output == r.output;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), k, persistent, visibleUnits, sigma, output);
    }

    @Override
    public String toString() {
        return "RbmLayer(nIn=" + nIn + ", nOut=" + nOut + ", k=" + k + ", persistent=" + persistent + ", visible="
                + visibleUnits + ", sigma=" + sigma + ", output=" + output + ")";
    }

    /**
     * Builds an {@link RbmLayer}; DL4J's layer options (nIn, nOut, weight init, updater, l2, weight decay,
     * dropout) come from DL4J's builder chain. {@link #build()} validates.
     */
    public static final class Builder extends BasePretrainNetwork.Builder<Builder> {
        private int k = 1;
        private boolean persistent;
        private VisibleUnits visibleUnits = VisibleUnits.BINARY;
        private double sigma = 1.0;
        private RbmOutput output = RbmOutput.HIDDEN;

        private Builder() {
            this.activationFn = new ActivationSigmoid();
        }

        /** @param k Gibbs steps per update, {@code >= 1} (default 1) @return this */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** @param on persistent CD: the negative chain continues across minibatches (default false) @return this */
        public Builder persistent(boolean on) {
            this.persistent = on;
            return this;
        }

        /** @param units binary (default) or Gaussian visible units @return this */
        public Builder visibleUnits(VisibleUnits units) {
            this.visibleUnits = units;
            return this;
        }

        /** @param sigma σ of Gaussian visible units, {@code > 0} (default 1; only with Gaussian units) @return this */
        public Builder sigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /** @param output the forward pass's output (default {@link RbmOutput#HIDDEN}) @return this */
        public Builder output(RbmOutput output) {
            this.output = output;
            return this;
        }

        /**
         * @return the layer
         * @throws IllegalArgumentException naming the option, its value and what was expected
         */
        @Override
        @SuppressWarnings("unchecked")
        public RbmLayer build() {
            if (k < 1) {
                throw new IllegalArgumentException("k = " + k + ", expected >= 1 Gibbs steps per update");
            }
            if (visibleUnits == null || output == null) {
                throw new IllegalArgumentException("visibleUnits and output are required, got " + visibleUnits + ", "
                        + output);
            }
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("sigma = " + sigma + ", expected a positive finite number");
            }
            if (visibleUnits == VisibleUnits.BINARY && sigma != 1.0) {
                throw new IllegalArgumentException("sigma = " + sigma + " is for Gaussian visible units; binary units"
                        + " have none (leave it at 1 or use visibleUnits(GAUSSIAN))");
            }
            if (!(activationFn instanceof ActivationSigmoid)) {
                throw new IllegalArgumentException("activation = " + activationFn + ": an RBM's hidden units are"
                        + " Bernoulli, their mean is the sigmoid; leave the activation unset");
            }
            if (nIn < 0 || nOut < 1) {
                throw new IllegalArgumentException("nIn = " + nIn + ", nOut = " + nOut + ": expected nOut >= 1 and"
                        + " nIn >= 1 (or nIn 0, set from the input type)");
            }
            return new RbmLayer(this);
        }
    }
}
