package org.bidizoo.zoo.model;

import java.util.Arrays;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.lmser.LmserLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The autoencoder family of seed 004 on the Lmser layer with DCW and DPN off (separate decoder weights, no paired
 * neurons: the plain autoencoder that seed 000 compares Lmser with), plus one regularizer each: L2 on the weights
 * (DL4J's {@code l2}), a sparse code (L1, or the KL divergence from a target activation), a corrupted input whose
 * reconstruction is compared with the clean one (denoising), or the squared Frobenius norm of the encoder's Jacobian
 * (contractive, one sigmoid level, in closed form). The penalties are the Lmser layer's options
 * ({@link LmserLayer.Builder#codeL1}, {@link LmserLayer.Builder#codeKL}, {@link LmserLayer.Builder#contraction}).
 *
 * <p>Graph: input {@code [b, C*H*W]} → Lmser layer → {@value #RECONSTRUCTION}, ½‖x − x̂‖² summed over pixels and
 * averaged over the minibatch (as Lmser's). A denoising model's {@link #trainingBatchAt} feeds the corrupted input
 * and keeps the clean one as the target.
 *
 * <pre>{@code
 * BidizooModel dae = ZooRegistry.builder("ae-denoising-masking", AutoencoderModel.Builder.class)
 *         .corruption(new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING, 0.4)).build();
 * }</pre>
 */
public final class AutoencoderModel extends BidizooModel {
    private final String name;
    private final int[] hidden;
    private final int[] convChannels;
    private final Activation activation;
    private final Activation codeActivation;
    private final Activation outputActivation;
    private final double l2;
    private final double codeL1;
    private final double klTarget;
    private final double klWeight;
    private final double contraction;
    private final AutoencoderCorruption corruption;
    private final boolean stacked;

    private AutoencoderModel(Builder b) {
        super(b.settings);
        this.name = b.name;
        this.hidden = b.hidden.clone();
        this.convChannels = b.convChannels == null ? null : b.convChannels.clone();
        this.activation = b.activation;
        this.codeActivation = b.codeActivation;
        this.outputActivation = b.outputActivation;
        this.l2 = b.l2;
        this.codeL1 = b.codeL1;
        this.klTarget = b.klTarget;
        this.klWeight = b.klWeight;
        this.contraction = b.contraction;
        this.corruption = b.corruption;
        this.stacked = b.stacked;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return hidden level sizes above the input, e.g. {@code [300, 100, 10]} (a copy) */
    public int[] hidden() {
        return hidden.clone();
    }

    /** @return the input corruption of a denoising autoencoder, or null */
    public AutoencoderCorruption corruption() {
        return corruption;
    }

    /**
     * @return whether this is a stacked autoencoder: its levels are trained greedily, each an autoencoder on the
     *         codes of the trained levels below ({@code org.bidizoo.zoo.stacked.StackedEngine}, which
     *         {@code bidizoo train} uses), and the graph is the unrolled stack; DL4J's {@code fit} on the graph trains
     *         the unrolled stack end to end instead
     */
    public boolean stacked() {
        return stacked;
    }

    /** @return whether the levels are convolutional (3×3, stride 2, as {@link LmserConv}'s) */
    public boolean convolutional() {
        return convChannels != null;
    }

    @Override
    public FeatureLayout featureLayout() {
        return convolutional() ? FeatureLayout.NCHW : FeatureLayout.FLAT;
    }

    /** 3e-4 for convolutional levels (as {@link LmserConv}'s unsupervised variants), else 1e-3. */
    @Override
    public double defaultLearningRate() {
        return convolutional() ? 3e-4 : 1e-3;
    }

    @Override
    public boolean reconstructs() {
        return true;
    }

    @Override
    public boolean classifies() {
        return false;
    }

    /** @return the Lmser layer's builder for this autoencoder: levels, activations and code penalties */
    LmserLayer.Builder stack() {
        LmserLayer.Builder b = convolutional() ? LmserLayer.builder().convLevels(3, 2, 1, convChannels)
                : LmserLayer.builder().denseLevels(hidden);
        return b.activation(activation).codeActivation(codeActivation)
                .outputActivation(outputActivation).codeL1(codeL1).codeKL(klTarget, klWeight)
                .contraction(contraction);
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        ComputationGraphConfiguration.GraphBuilder g = LmserModels.graph(this, l2);
        LmserModels.addLmserWithLosses(g, INPUT, stack(), LmserVariant.AE, s,
                convolutional() ? 0 : hidden[hidden.length - 1]);
        return g.setInputTypes(LmserModels.inputType(s, convolutional())).build();
    }

    /** The clean minibatch, or for a denoising autoencoder its corruption for this iteration with the clean target. */
    @Override
    public MultiDataSet trainingBatchAt(INDArray x, INDArray y, INDArray labelMask, int iteration) {
        MultiDataSet m = trainingBatch(x, y, labelMask);
        if (corruption != null) {
            m.setFeatures(0, corruption.apply(x, settings().seed(), iteration));
        }
        return m;
    }

    @Override
    public String toString() {
        return name + " " + (convolutional() ? "conv " + Arrays.toString(convChannels) : Arrays.toString(hidden));
    }

    /** Configures an autoencoder; {@link #build()} validates every option and names the one that is wrong. */
    public static final class Builder implements ModelBuilder {
        private ModelSettings settings = ModelSettings.builder().build();
        private String name = "ae";
        private int[] hidden = {300, 100, 10};
        private int[] convChannels;
        private Activation activation = Activation.RELU;
        private Activation codeActivation;
        private Activation outputActivation = Activation.SIGMOID;
        private double l2;
        private double codeL1;
        private double klTarget;
        private double klWeight;
        private double contraction;
        private AutoencoderCorruption corruption;
        private boolean stacked;

        @Override
        public Builder settings(ModelSettings s) {
            this.settings = s;
            return this;
        }

        /** @param n the zoo name the model reports (the registry sets it) @return this */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** @param units hidden level sizes above the input (default 300, 100, 10: seed 000's) @return this */
        public Builder hidden(int... units) {
            this.hidden = units.clone();
            return this;
        }

        /**
         * @param channels output channels of convolutional levels (3×3, stride 2, padding 1, as {@code lmser-conv}'s)
         *                 in place of the dense ones; the code penalties need dense levels
         * @return this
         */
        public Builder convChannels(int... channels) {
            this.convChannels = channels.clone();
            return this;
        }

        /** @param a hidden activation (default RELU) @return this */
        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** @param a activation of the code (default: the hidden activation) @return this */
        public Builder codeActivation(Activation a) {
            this.codeActivation = a;
            return this;
        }

        /**
         * @param a activation of the reconstruction (default SIGMOID, for pixels in [0, 1]; TANH for a stacked level
         *          that reconstructs tanh codes)
         * @return this
         */
        public Builder outputActivation(Activation a) {
            this.outputActivation = a;
            return this;
        }

        /** @param lambda DL4J's L2 coefficient on the weights (score ½λΣw², gradient λw), {@code >= 0} @return this */
        public Builder l2(double lambda) {
            this.l2 = lambda;
            return this;
        }

        /** @param lambda weight of λΣ|h| on the code, {@code >= 0} @return this */
        public Builder codeL1(double lambda) {
            this.codeL1 = lambda;
            return this;
        }

        /** @param target ρ in (0, 1) @param weight β {@code >= 0} of βΣKL(ρ‖ρ̂) (sigmoid code) @return this */
        public Builder codeKL(double target, double weight) {
            this.klTarget = target;
            this.klWeight = weight;
            return this;
        }

        /** @param lambda weight of λ‖J_f(x)‖²_F, {@code >= 0} (one sigmoid or tanh level) @return this */
        public Builder contraction(double lambda) {
            this.contraction = lambda;
            return this;
        }

        /** @param c the training input's corruption (denoising), or null for none @return this */
        public Builder corruption(AutoencoderCorruption c) {
            this.corruption = c;
            return this;
        }

        /**
         * @param on a stacked autoencoder (see {@link AutoencoderModel#stacked()}): dense levels, no penalty on the
         *           whole stack (a denoising corruption applies to every level)
         * @return this
         */
        public Builder stacked(boolean on) {
            this.stacked = on;
            return this;
        }

        @Override
        public AutoencoderModel build() {
            if (settings == null) {
                throw new IllegalArgumentException("settings are required, got null");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name = '" + name + "', expected a zoo name");
            }
            if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(u -> u < 1)) {
                throw new IllegalArgumentException("hidden = " + Arrays.toString(hidden) + ", expected one or more"
                        + " positive level sizes");
            }
            if (convChannels != null && (convChannels.length == 0 || Arrays.stream(convChannels).anyMatch(c -> c < 1))) {
                throw new IllegalArgumentException("convChannels = " + Arrays.toString(convChannels) + ", expected one"
                        + " or more positive channel counts");
            }
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 = " + l2 + ", expected a finite number >= 0");
            }
            if (stacked && activation != Activation.TANH) {
                throw new IllegalArgumentException("stacked = true builds tanh levels (seed 004's stack); got activation "
                        + activation);
            }
            if (stacked && (convChannels != null || l2 != 0 || codeL1 != 0 || klWeight != 0 || contraction != 0)) {
                throw new IllegalArgumentException("stacked = true trains dense levels greedily with no penalty on the"
                        + " whole stack; got " + (convChannels != null ? "convChannels " + Arrays.toString(convChannels)
                        : "l2 = " + l2 + ", codeL1 = " + codeL1 + ", codeKL weight = " + klWeight + ", contraction = "
                        + contraction) + " (a stacked contractive autoencoder: org.bidizoo.zoo.stacked"
                        + ".StackedAutoencoder)");
            }
            AutoencoderModel m = new AutoencoderModel(this);
            m.stack().build(); // the layer's builder names a bad penalty or activation
            return m;
        }
    }
}
