package org.bidizoo.zoo.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.rbm.DeepBeliefNet;
import org.bidizoo.layers.rbm.RbmLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A deep belief network of seed 004 as a zoo model ({@code dbn}): a chain of binary {@link RbmLayer}s
 * ({@code rbm1}, {@code rbm2}, …; Hinton, Osindero and Teh's 784-500-500-2000 by default) with a softmax
 * {@value BidizooModel#LABEL} output on the top hidden layer. Its {@link #pretraining()} trains the RBMs greedily,
 * bottom up (DL4J's {@code pretrainLayer}, each on the hidden means of the ones below), then the loop fine-tunes
 * the whole stack as a classifier with {@code fit}. Generation from the trained stack:
 * {@link org.bidizoo.layers.rbm.DeepBeliefNet#sample}.
 *
 * <p>All layers use DL4J's Nesterov momentum 0.5 (pretraining and fine-tuning share the layer's updater) and the
 * RBMs an L2 weight cost of 2·10⁻⁴; learning rate 0.05 unless the settings set one.
 */
public final class DbnModel extends BidizooModel {
    private final int[] hidden;
    private final int pretrainIterations;
    private final int k;
    private final double momentum;
    private final double weightDecay;

    private DbnModel(Builder b) {
        super(b.settings);
        this.hidden = b.hidden.clone();
        this.pretrainIterations = b.pretrainIterations;
        this.k = b.k;
        this.momentum = b.momentum;
        this.weightDecay = b.weightDecay;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the RBM layers' names, bottom up */
    public List<String> rbmLayers() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= hidden.length; i++) {
            out.add("rbm" + i);
        }
        return out;
    }

    @Override
    public String name() {
        return "dbn";
    }

    @Override
    public FeatureLayout featureLayout() {
        return FeatureLayout.FLAT;
    }

    @Override
    public boolean reconstructs() {
        return false;
    }

    @Override
    public boolean classifies() {
        return true;
    }

    @Override
    public double defaultLearningRate() {
        return 0.05;
    }

    @Override
    public List<PretrainPhase> pretraining() {
        List<PretrainPhase> out = new ArrayList<>();
        for (String l : rbmLayers()) {
            out.add(new PretrainPhase(l, pretrainIterations));
        }
        return out;
    }

    /** The DBN's mean-field up-down reconstruction ({@link DeepBeliefNet#reconstruct}), {@code [b, 784]}. */
    @Override
    public INDArray reconstructionOf(ComputationGraph graph, INDArray x) {
        return DeepBeliefNet.reconstruct(DeepBeliefNet.layers(graph, rbmLayers()), x);
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(s.seed())
                .dataType(s.dataType()).updater(RbmModel.momentumUpdater(s, defaultLearningRate(), momentum))
                .weightInit(new NormalDistribution(0, 0.01)).graphBuilder().addInputs(INPUT);
        String below = INPUT;
        List<String> names = rbmLayers();
        for (int i = 0; i < hidden.length; i++) {
            g.addLayer(names.get(i), RbmLayer.builder().nOut(hidden[i]).k(k).l2(weightDecay).build(), below);
            below = names.get(i);
        }
        g.addLayer(LABEL, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(s.numClasses())
                .activation(Activation.SOFTMAX).build(), below);
        return g.setOutputs(LABEL).setInputTypes(InputType.feedForward(s.inputSize())).build();
    }

    /** Configures a {@link DbnModel}; {@link #build()} validates. */
    public static final class Builder implements ModelBuilder {
        private ModelSettings settings = ModelSettings.builder().build();
        private int[] hidden = {500, 500, 2000};
        private int pretrainIterations = 1000;
        private int k = 1;
        private double momentum = 0.5;
        private double weightDecay = 2e-4;

        private Builder() {
        }

        @Override
        public Builder settings(ModelSettings s) {
            this.settings = s;
            return this;
        }

        /** @param sizes hidden units of each RBM, bottom up (default 500, 500, 2000) @return this */
        public Builder hidden(int... sizes) {
            this.hidden = sizes.clone();
            return this;
        }

        /** @param n minibatches of CD per RBM before fine-tuning, {@code >= 1} (default 1000) @return this */
        public Builder pretrainIterations(int n) {
            this.pretrainIterations = n;
            return this;
        }

        /** @param k Gibbs steps per CD update, {@code >= 1} (default 1) @return this */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** @param m momentum in [0, 1) (default 0.5) @return this */
        public Builder momentum(double m) {
            this.momentum = m;
            return this;
        }

        /** @param wd L2 weight cost on the RBMs' W, {@code >= 0} (default 2e-4) @return this */
        public Builder weightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        @Override
        public DbnModel build() {
            if (settings == null) {
                throw new IllegalArgumentException("settings are required, got null");
            }
            if (hidden.length < 1 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("hidden = " + Arrays.toString(hidden) + ", expected one or more"
                        + " positive layer sizes");
            }
            if (pretrainIterations < 1) {
                throw new IllegalArgumentException("pretrainIterations = " + pretrainIterations + ", expected >= 1");
            }
            if (k < 1) {
                throw new IllegalArgumentException("k = " + k + ", expected >= 1 Gibbs steps per update");
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum = " + momentum + ", expected in [0, 1)");
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay = " + weightDecay + ", expected a finite number >= 0");
            }
            return new DbnModel(this);
        }
    }
}
