package org.bidizoo.zoo.model;

import java.util.Arrays;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.lmser.LmserLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * Dense Lmser of seed 000: layers [784, 300, 100, 10] by default, ReLU, sigmoid reconstruction, one
 * reflection; variant un, un-n, ae or sup ({@link LmserVariant}). Input {@code [b, C*H*W]}.
 */
public final class LmserDense extends BidizooModel {
    private final int[] hidden;
    private final LmserVariant variant;
    private final boolean biases;

    /**
     * @param settings shared settings
     * @param variant  the variant
     * @param biases   whether levels have biases (the paper's equations have none)
     * @param hidden   hidden sizes above the input, e.g. {@code 300, 100, 10}
     */
    public LmserDense(ModelSettings settings, LmserVariant variant, boolean biases, int... hidden) {
        super(settings);
        if (hidden.length == 0) {
            throw new IllegalArgumentException("hidden: expected at least one level size, got none");
        }
        this.hidden = hidden.clone();
        this.variant = variant;
        this.biases = biases;
    }

    /** @param settings shared settings @param variant the variant @return the paper's [784, 300, 100, 10] model */
    public static LmserDense paper(ModelSettings settings, LmserVariant variant) {
        return new LmserDense(settings, variant, true, 300, 100, 10);
    }

    /** @return the variant */
    public LmserVariant variant() {
        return variant;
    }

    @Override
    public String name() {
        return "lmser-dense";
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
        return variant.supervised();
    }

    @Override
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        ComputationGraphConfiguration.GraphBuilder g = LmserModels.graph(s);
        LmserLayer.Builder stack = LmserLayer.builder().denseLevels(hidden).activation(Activation.RELU)
                .outputActivation(Activation.SIGMOID).biases(biases);
        LmserModels.addLmserWithLosses(g, INPUT, stack, variant, s, hidden[hidden.length - 1]);
        return g.setInputTypes(LmserModels.inputType(s, false)).build();
    }

    @Override
    public String toString() {
        return name() + " " + variant.cliName() + " " + Arrays.toString(hidden);
    }
}
