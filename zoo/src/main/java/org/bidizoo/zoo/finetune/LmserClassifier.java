package org.bidizoo.zoo.finetune;

import org.bidizoo.layers.lmser.LmserOutput;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A classifier on a trained Lmser's bottom-up activities ({@link LmserEncoder}: every level's, or the top
 * code alone), made with DL4J's {@link TransferLearning}: the Lmser's
 * reconstruction output is replaced by a head — an optional ReLU dense layer and a softmax output
 * layer — and the Lmser layer is frozen ({@code setFeatureExtractor}) or trained along.
 *
 * <p>Graph: {@code input → lmser (features) → [head: dense ReLU] → label (softmax, [b, numClasses])}.
 * Input as the pretrained model's: {@code [b, 784]} for dense Lmsers, {@code [b, 1, 28, 28]} for
 * convolutional ones.
 */
public final class LmserClassifier {
    /** the hidden dense layer of the head */
    public static final String HEAD = "head";
    /** the softmax output */
    public static final String LABEL = "label";

    private final int numClasses;
    private final LmserOutput features;
    private final int hidden;
    private final boolean freezeEncoder;
    private final IUpdater updater;
    private final long seed;

    private LmserClassifier(Builder b) {
        this.numClasses = b.numClasses;
        this.features = b.features;
        this.hidden = b.hidden;
        this.freezeEncoder = b.freezeEncoder;
        this.updater = b.updater;
        this.seed = b.seed;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param trained a trained (or freshly initialised) graph holding one Lmser layer; left untouched
     * @return the classifier, in the trained graph's data type
     */
    public ComputationGraph build(ComputationGraph trained) {
        ComputationGraph encoder = LmserEncoder.of(trained, features);
        InputType code = LmserEncoder.codeType(encoder);
        InputPreProcessor flatten = null;
        if (code instanceof InputType.InputTypeConvolutional c) {
            flatten = new CnnToFeedForwardPreProcessor(c.getHeight(), c.getWidth(), c.getChannels());
        }
        long codeSize = code.arrayElementsPerExample();
        TransferLearning.GraphBuilder b = new TransferLearning.GraphBuilder(encoder)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).seed(seed).build())
                .removeVertexAndConnections(LmserEncoder.CODE);
        if (freezeEncoder) {
            b.setFeatureExtractor(LmserEncoder.LMSER);
        }
        String last = LmserEncoder.LMSER;
        long nIn = codeSize;
        InputPreProcessor pre = flatten;
        if (hidden > 0) {
            b.addLayer(HEAD, new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.RELU)
                    .weightInit(WeightInit.XAVIER).build(), pre, last);
            last = HEAD;
            nIn = hidden;
            pre = null;
        }
        b.addLayer(LABEL, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(numClasses)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), pre, last);
        ComputationGraph g = b.setOutputs(LABEL).build();
        // TransferLearning builds in ND4J's default data type; keep the pretrained one
        return g.params().dataType() == trained.params().dataType() ? g
                : g.convertDataType(trained.params().dataType());
    }

    /**
     * @param g a graph
     * @return its parameters outside frozen layers
     */
    public static long trainableParams(ComputationGraph g) {
        long n = 0;
        for (org.deeplearning4j.nn.api.Layer l : g.getLayers()) {
            if (!(l instanceof org.deeplearning4j.nn.layers.FrozenLayer)) {
                n += l.numParams();
            }
        }
        return n;
    }

    /** Builder; {@link #build()} names any bad value. */
    public static final class Builder {
        private int numClasses = 10;
        private LmserOutput features = LmserOutput.HIDDEN;
        private int hidden = 128;
        private boolean freezeEncoder = true;
        private IUpdater updater;
        private long seed = 1;

        /** @param n classes of the new head, {@code >= 2} (default 10) @return this */
        public Builder numClasses(int n) {
            this.numClasses = n;
            return this;
        }

        /** @param f what the head reads: HIDDEN, every level's activity (default), or CODE, the top code @return this */
        public Builder features(LmserOutput f) {
            this.features = f;
            return this;
        }

        /** @param units ReLU units of the head's hidden layer, 0 for none (default 128) @return this */
        public Builder hidden(int units) {
            this.hidden = units;
            return this;
        }

        /** @param freeze whether the Lmser layer keeps its weights (default true) @return this */
        public Builder freezeEncoder(boolean freeze) {
            this.freezeEncoder = freeze;
            return this;
        }

        /** @param u the updater for the trained layers (required) @return this */
        public Builder updater(IUpdater u) {
            this.updater = u;
            return this;
        }

        /** @param s seed of the head's initialisation (default 1) @return this */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @return the validated recipe */
        public LmserClassifier build() {
            if (numClasses < 2) {
                throw new IllegalArgumentException("numClasses = " + numClasses + ", expected >= 2");
            }
            if (features != LmserOutput.HIDDEN && features != LmserOutput.CODE) {
                throw new IllegalArgumentException("features = " + features + ", expected HIDDEN or CODE");
            }
            if (hidden < 0) {
                throw new IllegalArgumentException("hidden = " + hidden + ", expected >= 0 (0 = no hidden layer)");
            }
            if (updater == null) {
                throw new IllegalArgumentException("updater is required (e.g. new Adam(1e-3))");
            }
            return new LmserClassifier(this);
        }
    }
}
