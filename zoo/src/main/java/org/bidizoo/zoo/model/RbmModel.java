package org.bidizoo.zoo.model;

import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.rbm.RbmLayer;
import org.bidizoo.layers.rbm.RbmOutput;
import org.bidizoo.layers.rbm.VisibleUnits;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A restricted Boltzmann machine of seed 004 as a zoo model ({@code rbm-binary}, {@code rbm-gaussian}): the graph
 * is the input, one {@link RbmLayer} whose forward pass is its mean-field reconstruction, and an MSE
 * {@value BidizooModel#RECONSTRUCTION} output, so the shared evaluation, figures and dashboard see its
 * reconstructions. It is trained by contrastive divergence through DL4J's {@code pretrainLayer} (its
 * {@link #pretraining()} is one phase for the whole run), never by backprop.
 *
 * <p>Defaults follow Hinton's "practical guide to training RBMs": CD-1, weights from N(0, 0.01²), zero biases,
 * learning rate 0.1 (binary) or 0.01 (Gaussian), momentum 0.5 (DL4J's Nesterov momentum), weight cost 2·10⁻⁴
 * (L2 on W). Gaussian units use σ = 0.3 by default, about the standard deviation of MNIST's pixels.
 */
public final class RbmModel extends BidizooModel {
    /** Name of the RBM layer in the graph. */
    public static final String LAYER = "rbm";

    private final String name;
    private final int hidden;
    private final int k;
    private final boolean persistent;
    private final VisibleUnits units;
    private final double sigma;
    private final double momentum;
    private final double weightDecay;

    private RbmModel(Builder b) {
        super(b.settings);
        this.name = b.name;
        this.hidden = b.hidden;
        this.k = b.k;
        this.persistent = b.persistent;
        this.units = b.units;
        this.sigma = b.sigma;
        this.momentum = b.momentum;
        this.weightDecay = b.weightDecay;
    }

    /**
     * @param name  the zoo name
     * @param units the visible units
     * @return a builder with the defaults
     */
    public static Builder builder(String name, VisibleUnits units) {
        return new Builder(name, units);
    }

    @Override
    public String name() {
        return name;
    }

    /** @return hidden units */
    public int hidden() {
        return hidden;
    }

    /** @return the visible units */
    public VisibleUnits units() {
        return units;
    }

    @Override
    public FeatureLayout featureLayout() {
        return FeatureLayout.FLAT;
    }

    @Override
    public boolean reconstructs() {
        return true;
    }

    @Override
    public boolean classifies() {
        return false;
    }

    @Override
    public double defaultLearningRate() {
        return units == VisibleUnits.BINARY ? 0.1 : 0.01;
    }

    @Override
    public List<PretrainPhase> pretraining() {
        return List.of(new PretrainPhase(LAYER, PretrainPhase.WHOLE_RUN));
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        return new NeuralNetConfiguration.Builder().seed(s.seed()).dataType(s.dataType())
                .updater(momentumUpdater(s, defaultLearningRate(), momentum))
                .weightInit(new NormalDistribution(0, 0.01)).graphBuilder().addInputs(INPUT)
                .addLayer(LAYER, RbmLayer.builder().nOut(hidden).k(k).persistent(persistent).visibleUnits(units)
                        .sigma(units == VisibleUnits.GAUSSIAN ? sigma : 1.0).l2(weightDecay)
                        .output(RbmOutput.RECONSTRUCTION).build(), INPUT)
                .addLayer(RECONSTRUCTION, new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), LAYER)
                .setOutputs(RECONSTRUCTION).setInputTypes(InputType.feedForward(s.inputSize())).build();
    }

    /**
     * @param s         settings (learning rate, decay)
     * @param defaultLr the model's learning rate when the settings set none
     * @param momentum  the momentum
     * @return DL4J's Nesterov momentum with the settings' learning rate, decayed per iteration if they say so
     */
    static IUpdater momentumUpdater(ModelSettings s, double defaultLr, double momentum) {
        double lr = s.learningRate(defaultLr);
        return s.learningRateDecay() >= 1.0 ? new Nesterovs(lr, momentum)
                : new Nesterovs(new ExponentialSchedule(ScheduleType.ITERATION, lr, s.learningRateDecay()), momentum);
    }

    /** Configures an {@link RbmModel}; {@link #build()} validates. */
    public static final class Builder implements ModelBuilder {
        private final String name;
        private final VisibleUnits units;
        private ModelSettings settings = ModelSettings.builder().build();
        private int hidden = 500;
        private int k = 1;
        private boolean persistent;
        private double sigma = 0.3;
        private double momentum = 0.5;
        private double weightDecay = 2e-4;

        private Builder(String name, VisibleUnits units) {
            this.name = name;
            this.units = units;
        }

        @Override
        public Builder settings(ModelSettings s) {
            this.settings = s;
            return this;
        }

        /** @param n hidden units, {@code >= 1} (default 500) @return this */
        public Builder hidden(int n) {
            this.hidden = n;
            return this;
        }

        /** @param k Gibbs steps per update, {@code >= 1} (default 1) @return this */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** @param on persistent CD (default false) @return this */
        public Builder persistent(boolean on) {
            this.persistent = on;
            return this;
        }

        /** @param sigma σ of Gaussian visible units, {@code > 0} (default 0.3) @return this */
        public Builder sigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /** @param m momentum in [0, 1) (default 0.5) @return this */
        public Builder momentum(double m) {
            this.momentum = m;
            return this;
        }

        /** @param wd L2 weight cost on W, {@code >= 0} (default 2e-4) @return this */
        public Builder weightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        @Override
        public RbmModel build() {
            if (settings == null) {
                throw new IllegalArgumentException("settings are required, got null");
            }
            if (hidden < 1) {
                throw new IllegalArgumentException("hidden = " + hidden + ", expected >= 1 hidden units");
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum = " + momentum + ", expected in [0, 1)");
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay = " + weightDecay + ", expected a finite number >= 0");
            }
            // k and sigma are validated by the layer's builder, with its messages
            RbmLayer.builder().nIn(1).nOut(1).k(k).visibleUnits(units)
                    .sigma(units == VisibleUnits.GAUSSIAN ? sigma : 1.0).build();
            return new RbmModel(this);
        }
    }
}
