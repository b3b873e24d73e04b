package org.bidizoo.zoo.model;

import java.util.Arrays;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserLevel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * Convolutional Lmser of seed 000: channels [16, 32, 64, 64] by default, 3×3 kernels, stride 2,
 * padding 1 (28 → 14 → 7 → 4 → 2), ReLU, transposed convolutions top-down on the same filters,
 * sigmoid reconstruction. Lmser(sup) adds a dense level of {@code numClasses} label units on top of
 * the convolutions. Input {@code [b, C, H, W]}.
 */
public final class LmserConv extends LmserModel {
    private final int[] channels;

    /**
     * @param settings shared settings
     * @param variant  the variant
     * @param biases   whether levels have biases
     * @param channels output channels of the convolutional levels, bottom first
     */
    public LmserConv(ModelSettings settings, LmserVariant variant, boolean biases, int... channels) {
        super(settings, variant, biases);
        if (channels.length == 0) {
            throw new IllegalArgumentException("channels: expected at least one level, got none");
        }
        this.channels = channels.clone();
    }

    /** @param settings shared settings @param variant the variant @return the paper's [16, 32, 64, 64] model */
    public static LmserConv paper(ModelSettings settings, LmserVariant variant) {
        return new LmserConv(settings, variant, true, 16, 32, 64, 64);
    }

    @Override
    public String name() {
        return "lmser-conv";
    }

    /**
     * 3e-4 for the unsupervised variants: at DL4J's usual 1e-3 they collapse within a few hundred
     * iterations to a constant output (test MSE 0.114); at 3e-4 they train (0.0048 after 1000).
     * Lmser(sup) trains at 1e-3.
     */
    @Override
    public double defaultLearningRate() {
        return variant().supervised() ? 1e-3 : 3e-4;
    }

    @Override
    public FeatureLayout featureLayout() {
        return FeatureLayout.NCHW;
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        ComputationGraphConfiguration.GraphBuilder g = LmserModels.graph(this);
        LmserLayer.Builder stack = LmserLayer.builder().convLevels(3, 2, 1, channels).activation(Activation.RELU)
                .outputActivation(Activation.SIGMOID).biases(biases());
        long code = 0;
        if (variant().supervised()) {
            stack.level(LmserLevel.dense(s.numClasses()));
            code = s.numClasses();
        }
        LmserModels.addLmserWithLosses(g, INPUT, stack, variant(), s, code);
        return g.setInputTypes(LmserModels.inputType(s, true)).build();
    }

    @Override
    public String toString() {
        return name() + " " + variant().cliName() + " " + Arrays.toString(channels);
    }
}
