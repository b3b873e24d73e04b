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
public final class LmserDense extends LmserModel {
    private final int[] hidden;
    private final int styleUnits;
    private final double styleNoise;
    private Activation activation = Activation.RELU;

    /**
     * @param settings shared settings
     * @param variant  the variant
     * @param biases   whether levels have biases (the paper's equations have none)
     * @param hidden   hidden sizes above the input, e.g. {@code 300, 100, 10}
     */
    public LmserDense(ModelSettings settings, LmserVariant variant, boolean biases, int... hidden) {
        this(settings, variant, biases, 0, 0, hidden);
    }

    private LmserDense(ModelSettings settings, LmserVariant variant, boolean biases, int styleUnits, double styleNoise,
                       int... hidden) {
        super(settings, variant, biases);
        this.styleUnits = styleUnits;
        this.styleNoise = styleNoise;
        if (hidden.length == 0) {
            throw new IllegalArgumentException("hidden: expected at least one level size, got none");
        }
        this.hidden = hidden.clone();
    }

    /** @param settings shared settings @param variant the variant @return the paper's [784, 300, 100, 10] model */
    public static LmserDense paper(ModelSettings settings, LmserVariant variant) {
        return new LmserDense(settings, variant, true, 300, 100, 10);
    }

    /**
     * Lmser(sup) with style units (seed 000, Generation): the top code gets {@code units} more units
     * after the label units, with N(0, noise²) added to them in training before the top-down pass.
     *
     * @param units extra top-code units, {@code >= 1}
     * @param noise standard deviation of their training noise, {@code >= 0}
     * @return a new model; this one is unchanged
     */
    public LmserDense withStyleUnits(int units, double noise) {
        if (!variant().supervised()) {
            throw new IllegalArgumentException("style units need variant sup, got " + variant().cliName());
        }
        if (units < 1 || !(noise >= 0)) {
            throw new IllegalArgumentException("style units = " + units + ", noise = " + noise
                    + "; expected units >= 1 and noise >= 0");
        }
        int[] h = hidden.clone();
        h[h.length - 1] = settings().numClasses() + units;
        LmserDense d = new LmserDense(settings(), variant(), biases(), units, noise, h);
        d.activation = activation;
        return d;
    }

    /**
     * @param a the hidden and code activation (default RELU, seed 000's)
     * @return a new model with that activation; this one is unchanged
     */
    public LmserDense withActivation(Activation a) {
        LmserDense d = new LmserDense(settings(), variant(), biases(), styleUnits, styleNoise, hidden);
        d.activation = a;
        return d;
    }

    /** @return extra top-code units after the label units (0 if none) */
    public int styleUnits() {
        return styleUnits;
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
    public ComputationGraphConfiguration conf() {
        ModelSettings s = settings();
        ComputationGraphConfiguration.GraphBuilder g = LmserModels.graph(this);
        LmserLayer.Builder stack = LmserLayer.builder().denseLevels(hidden).activation(activation)
                .outputActivation(Activation.SIGMOID).biases(biases());
        if (styleUnits > 0 && styleNoise > 0) {
            stack.codeNoise(styleNoise, s.numClasses());
        }
        LmserModels.addLmserWithLosses(g, INPUT, stack, variant(), s, hidden[hidden.length - 1]);
        return g.setInputTypes(LmserModels.inputType(s, false)).build();
    }

    @Override
    public String toString() {
        return name() + " " + variant().cliName() + " " + Arrays.toString(hidden);
    }
}
