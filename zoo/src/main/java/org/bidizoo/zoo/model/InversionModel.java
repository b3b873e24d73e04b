package org.bidizoo.zoo.model;

import java.util.Locale;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.inversion.InversionOutput;
import org.bidizoo.layers.inversion.InvertibleNet;
import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.layers.inversion.LossClassBalance;
import org.bidizoo.layers.inversion.LossEntropy;
import org.bidizoo.layers.inversion.LossValue;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Semi-supervised learning by network inversion (seed 002): an {@link InvertibleNet} giving the logits
 * f(x) and the reconstruction J(x)ᵀ f(x), trained with Eq. 10,
 * α·CE(labeled rows) + (1 − α)[β·R(all rows) + (1 − β)·E(unlabeled rows)], where R is the mean squared
 * error of the reconstruction and E the entropy of the class probabilities.
 *
 * <p>Graph outputs, in order: {@value #RECONSTRUCTION} (if (1 − α)β > 0), {@value #LABEL} (softmax
 * cross-entropy weighted α, label mask = labeled rows), {@value #ENTROPY} (if (1 − α)(1 − β) > 0; mask =
 * unlabeled rows), {@value #BALANCE} (if {@link #withClassBalance} gave a weight; mask = unlabeled rows),
 * {@value #LAYERS} (if γ > 0: Eq. 11's Σ_ℓ γ R^(ℓ) over inner layers, all rows).
 * Input {@code [b, 1, 28, 28]}.
 */
public final class InversionModel extends BidizooModel {
    /** Name of the entropy output. */
    public static final String ENTROPY = "entropy";
    /** Name of the class-balance output (not in seed 002; see {@link #withClassBalance}). */
    public static final String BALANCE = "class_balance";
    /** Name of the per-layer reconstruction output (Eq. 11–12). */
    public static final String LAYERS = "layer_reconstruction";
    /** Name of the invertible network layer. */
    public static final String NET = "inv";

    private final InversionArchitecture arch;
    private final InvertibleStep.Pool pool;
    private final double alpha;
    private final double beta;
    private final double layerGamma;
    private final ReconstructionLoss reconLoss;
    private final double reconScale;
    private final double classBalance;

    /** How R of Eq. 8 reduces an example's squared reconstruction error over its pixels. */
    public enum ReconstructionLoss {
        /** Eq. 8 as written: the squared norm ‖J(x)ᵀ f(x) − x‖², the sum over the pixels. */
        SUM,
        /** The mean over the pixels (the squared norm / 784 on MNIST), as PyTorch's {@code mse_loss}. */
        MEAN
    }

    private InversionModel(Builder b) {
        super(b.settings);
        this.arch = b.arch;
        this.pool = b.pool;
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.layerGamma = b.layerGamma;
        this.reconLoss = b.reconLoss;
        this.reconScale = b.reconScale;
        this.classBalance = b.classBalance;
    }

    /**
     * @param arch the network
     * @return a builder with Eq. 10's weights at α 0.7, β 0.2, mean pooling, R as the mean over the pixels
     */
    public static Builder builder(InversionArchitecture arch) {
        return new Builder(arch);
    }

    /** @return a builder holding this model's configuration */
    public Builder toBuilder() {
        return new Builder(arch).settings(settings()).pool(pool).alpha(alpha).beta(beta).layerGamma(layerGamma)
                .reconstructionLoss(reconLoss).reconstructionScale(reconScale).classBalance(classBalance);
    }

    /** Configures an {@link InversionModel}; {@link #build()} validates every value in one place. */
    public static final class Builder implements ModelBuilder {
        private final InversionArchitecture arch;
        private ModelSettings settings = ModelSettings.builder().build();
        private InvertibleStep.Pool pool = InvertibleStep.Pool.MEAN;
        private double alpha = 0.7;
        private double beta = 0.2;
        private double layerGamma;
        private ReconstructionLoss reconLoss = ReconstructionLoss.MEAN;
        private double reconScale = 1;
        private double classBalance;

        private Builder(InversionArchitecture arch) {
            this.arch = arch;
        }

        @Override
        public Builder settings(ModelSettings s) {
            this.settings = s;
            return this;
        }

        /** @param p max or mean pooling @return this */
        public Builder pool(InvertibleStep.Pool p) {
            this.pool = p;
            return this;
        }

        /** @param a weight of the supervised loss, in [0, 1] @return this */
        public Builder alpha(double a) {
            this.alpha = a;
            return this;
        }

        /** @param b share of the reconstruction in the unsupervised loss, in [0, 1] @return this */
        public Builder beta(double b) {
            this.beta = b;
            return this;
        }

        /**
         * @param g γ of Eq. 11: weight of each inner layer's reconstruction loss R^(ℓ) (Eq. 12), taken at the input
         *          of every convolution, dense map and residual block but the first; finite, {@code >= 0}; 0 = off
         * @return this
         */
        public Builder layerGamma(double g) {
            this.layerGamma = g;
            return this;
        }

        /** @param r R per example: Eq. 8's sum over the pixels, or their mean @return this */
        public Builder reconstructionLoss(ReconstructionLoss r) {
            this.reconLoss = r;
            return this;
        }

        /**
         * @param f factor on R after its reduction, finite and {@code >= 0} (1: Eq. 10 as written; MEAN with 784
         *          equals SUM on MNIST; 0 drops R and keeps the entropy's weight (1 − α)(1 − β))
         * @return this
         */
        public Builder reconstructionScale(double f) {
            this.reconScale = f;
            return this;
        }

        /**
         * A class-balance loss on the unlabeled rows, which seed 002 does not have: {@code w} times
         * {@link LossClassBalance}, the divergence of the minibatch's mean prediction from uniform. Eq. 9's entropy
         * lets one class absorb another's unlabeled examples when the labeled set misses a way of writing it; this
         * term counters that. Its weight is outside Eq. 10's convex combination.
         *
         * @param w the weight, finite and {@code >= 0} (0: none, Eq. 10 as written)
         * @return this
         */
        public Builder classBalance(double w) {
            this.classBalance = w;
            return this;
        }

        @Override
        public InversionModel build() {
            if (arch == null || pool == null || settings == null) {
                throw new IllegalArgumentException("architecture, pool and settings are required, got " + arch + ", "
                        + pool + ", " + settings);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha = " + alpha + ", expected a number in [0, 1]");
            }
            if (!(beta >= 0 && beta <= 1)) {
                throw new IllegalArgumentException("beta = " + beta + ", expected a number in [0, 1]");
            }
            if (!(layerGamma >= 0) || Double.isInfinite(layerGamma)) {
                throw new IllegalArgumentException("layerGamma = " + layerGamma + ", expected a finite number >= 0");
            }
            if (reconLoss == null) {
                throw new IllegalArgumentException("reconLoss is required (SUM or MEAN), got null");
            }
            if (!(reconScale >= 0) || Double.isInfinite(reconScale)) {
                throw new IllegalArgumentException("reconScale = " + reconScale + ", expected a finite number >= 0");
            }
            if (!(classBalance >= 0) || Double.isInfinite(classBalance)) {
                throw new IllegalArgumentException("classBalance = " + classBalance + ", expected a finite number >= 0");
            }
            return new InversionModel(this);
        }
    }

    /** @return the network */
    public InversionArchitecture architecture() {
        return arch;
    }

    /** @return the pooling */
    public InvertibleStep.Pool pool() {
        return pool;
    }

    /** @return α */
    public double alpha() {
        return alpha;
    }

    /** @return γ of the per-layer reconstruction losses (0 = off) */
    public double layerGamma() {
        return layerGamma;
    }

    /** @return how R reduces over the pixels */
    public ReconstructionLoss reconstructionLoss() {
        return reconLoss;
    }

    /** @return β */
    public double beta() {
        return beta;
    }

    /** @return the factor on R (1: Eq. 10 as written) */
    public double reconstructionScale() {
        return reconScale;
    }

    /**
     * @param weight the class-balance loss's weight, finite and {@code >= 0} (see {@link Builder#classBalance})
     * @return a copy with that weight
     */
    public InversionModel withClassBalance(double weight) {
        return toBuilder().classBalance(weight).build();
    }

    /** @return the class-balance loss's weight (0: none) */
    public double classBalance() {
        return classBalance;
    }

    private double reconWeight() {
        return (1 - alpha) * beta * reconScale;
    }

    private double entropyWeight() {
        return (1 - alpha) * (1 - beta);
    }

    @Override
    public String name() {
        return "inversion-" + arch.cliName();
    }

    @Override
    public String variantName() {
        return pool.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public FeatureLayout featureLayout() {
        return FeatureLayout.NCHW;
    }

    @Override
    public boolean reconstructs() {
        return reconWeight() > 0;
    }

    @Override
    public boolean classifies() {
        return true;
    }

    /** @return whether the graph has the {@value #ENTROPY} output */
    public boolean hasEntropy() {
        return entropyWeight() > 0;
    }

    /**
     * @return 1e-3. The paper's Adam rates (0.01 for SmallCNN, 0.01 / 3 for the others) sent SmallCNN with
     *         mean pooling to chance here (9.6% test accuracy after 100 iterations on 50 labels, α 0.7, β 0.2)
     *         where 1e-3 reached 85.8% in one epoch; see BENCHMARKS.md
     */
    @Override
    public double defaultLearningRate() {
        return 1e-3;
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        int c = s.numClasses();
        int n = s.inputSize();
        int[] shape = s.inputShape();
        ComputationGraphConfiguration.GraphBuilder g = LmserModels.graph(this);
        java.util.List<InvertibleStep> steps = arch.steps(pool, c);
        InvertibleNet.Builder net = InvertibleNet.builder().steps(steps.toArray(new InvertibleStep[0]))
                .inputShape(shape[0], shape[1], shape[2])
                .inputGradient(false); // DL4J discards the graph input's epsilon; InputGradients turns it back on
        if (layerGamma > 0) {
            double[] gamma = new double[steps.size()];
            for (int i = 1; i < gamma.length; i++) {
                gamma[i] = steps.get(i).hasParams() ? layerGamma : 0;
            }
            net.output(InversionOutput.ALL).layerWeights(gamma);
        } else {
            net.output(reconstructs() ? InversionOutput.BOTH : InversionOutput.LOGITS);
        }
        g.addLayer(NET, net.build(), INPUT);
        String logits = NET;
        if (reconstructs() || layerGamma > 0) {
            g.addVertex("logits", new SubsetVertex(0, c - 1), NET);
            logits = "logits";
        }
        if (reconstructs()) {
            g.addVertex("recon_part", new SubsetVertex(c, c + n - 1), NET);
            g.addLayer(RECONSTRUCTION, new LossLayer.Builder(new LossMSE(uniform(n,
                    reconLoss == ReconstructionLoss.SUM ? reconWeight() * n : reconWeight())))
                    .activation(Activation.IDENTITY).build(), "recon_part");
        }
        g.addLayer(LABEL, new LossLayer.Builder(new LossMCXENT(uniform(c, alpha))).activation(Activation.SOFTMAX).build(),
                logits);
        java.util.List<String> outputs = new java.util.ArrayList<>();
        if (reconstructs()) {
            outputs.add(RECONSTRUCTION);
        }
        outputs.add(LABEL);
        if (hasEntropy()) {
            g.addLayer(ENTROPY, new LossLayer.Builder(new LossEntropy(entropyWeight())).activation(Activation.SOFTMAX)
                    .build(), logits);
            outputs.add(ENTROPY);
        }
        if (classBalance > 0) {
            g.addLayer(BALANCE, new LossLayer.Builder(new LossClassBalance(classBalance)).activation(Activation.SOFTMAX)
                    .build(), logits);
            outputs.add(BALANCE);
        }
        if (layerGamma > 0) {
            g.addVertex("layer_part", new SubsetVertex(c + n, c + n), NET);
            g.addLayer(LAYERS, new LossLayer.Builder(new LossValue()).activation(Activation.IDENTITY).build(),
                    "layer_part");
            outputs.add(LAYERS);
        }
        g.setOutputs(outputs.toArray(new String[0]));
        return g.build();
    }

    private static INDArray uniform(int n, double w) {
        return Nd4j.valueArrayOf(new long[] {1, n}, w);
    }

    /**
     * Eq. 10's minibatch: the label mask selects the cross-entropy's rows, its complement the entropy's.
     *
     * @param x         {@code [b, 1, 28, 28]}
     * @param y         one-hot labels (zeros on unlabeled rows)
     * @param labelMask {@code [b, 1]}, 1 = labeled; null = all labeled
     * @return features {@code [x]}; labels and masks per output
     */
    @Override
    public MultiDataSet trainingBatch(INDArray x, INDArray y, INDArray labelMask) {
        return trainingBatch(x, y, labelMask, 1.0);
    }

    /**
     * As {@link #trainingBatch(INDArray, INDArray, INDArray)}, with the entropy's weight scaled for this minibatch
     * (Eq. 13's time-varying weights): the entropy output's mask is the unlabeled rows times {@code entropyFactor}.
     *
     * @param x             {@code [b, 1, 28, 28]}
     * @param y             one-hot labels (zeros on unlabeled rows)
     * @param labelMask     {@code [b, 1]}, 1 = labeled; null = all labeled
     * @param entropyFactor factor on (1 − α)(1 − β) for this minibatch, in [0, 1] (1: Eq. 10)
     * @return features {@code [x]}; labels and masks per output
     */
    public MultiDataSet trainingBatch(INDArray x, INDArray y, INDArray labelMask, double entropyFactor) {
        if (!(entropyFactor >= 0 && entropyFactor <= 1)) {
            throw new IllegalArgumentException("entropyFactor = " + entropyFactor + ", expected a number in [0, 1]");
        }
        checkBatch(x, y, labelMask);
        long b = x.size(0);
        INDArray labeled = labelMask != null ? labelMask.reshape(b, 1).castTo(y.dataType())
                : Nd4j.ones(y.dataType(), b, 1);
        INDArray unlabeled = labeled.rsub(1.0);
        int outs = (reconstructs() ? 1 : 0) + 1 + (hasEntropy() ? 1 : 0) + (classBalance > 0 ? 1 : 0)
                + (layerGamma > 0 ? 1 : 0);
        INDArray[] labels = new INDArray[outs];
        INDArray[] masks = new INDArray[outs];
        int k = 0;
        if (reconstructs()) {
            labels[k++] = x.reshape(b, x.length() / b);
        }
        labels[k] = y;
        masks[k++] = labeled;
        if (hasEntropy()) {
            labels[k] = y;
            masks[k++] = entropyFactor == 1 ? unlabeled : unlabeled.mul(entropyFactor);
        }
        if (classBalance > 0) {
            labels[k] = y;
            masks[k++] = unlabeled;
        }
        if (layerGamma > 0) {
            labels[k] = Nd4j.zeros(y.dataType(), b, 1);
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, labels, null, masks);
    }

    /**
     * @return the reconstruction J(x)ᵀ f(x) (if this model reconstructs) and the class scores; the loss-only
     *         outputs (entropy, class balance, per-layer reconstruction) are left out
     */
    @Override
    public INDArray[] outputs(ComputationGraph graph, INDArray x) {
        INDArray[] all = graph.output(false, x);
        return java.util.Arrays.copyOf(all, (reconstructs() ? 1 : 0) + 1);
    }

    @Override
    public String toString() {
        return name() + " " + variantName() + " (alpha " + alpha + ", beta " + beta
                + (layerGamma > 0 ? ", gamma " + layerGamma : "") + (reconScale != 1 ? ", R x " + reconScale : "")
                + (classBalance > 0 ? ", class balance " + classBalance : "") + ")";
    }
}
