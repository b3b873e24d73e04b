package org.bidizoo.zoo.deconvnet;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.runtime.ScratchWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A deconvolutional network: its filters and settings. {@link #infer} finds an image's sparse feature maps,
 * {@link #reconstruct} draws them back, {@link #evaluate} measures held-out reconstruction and sparsity.
 *
 * @param config     the settings (λ, p, inference steps, ISTA or FISTA)
 * @param dictionary the filters
 */
public record DeconvNet(DeconvNetConfig config, ConvDictionary dictionary) {
    private static final int EVAL_CHUNK = 100;

    /**
     * @param config   settings
     * @param channels image channels C
     * @param type     data type (e.g. FLOAT for MNIST)
     * @return a network with random unit-norm filters (seeded by {@code config.seed()})
     */
    public static DeconvNet random(DeconvNetConfig config, int channels, org.nd4j.linalg.api.buffer.DataType type) {
        return new DeconvNet(config, ConvDictionary.random(config.maps(), channels, config.kernel(), type,
                config.seed()));
    }

    /**
     * @param steps ISTA/FISTA iterations, {@code >= 1}
     * @return the same filters with another inference budget
     */
    public DeconvNet withInferenceSteps(int steps) {
        return new DeconvNet(config.withInferenceSteps(steps), dictionary);
    }

    /**
     * @param y images {@code [b, C, H, W]}
     * @return the maps, by {@code config.inferenceSteps()} ISTA or FISTA iterations
     */
    public SparseInference.Result infer(INDArray y) {
        return SparseInference.infer(dictionary, y, config.lambda(), config.p(), config.inferenceSteps(),
                config.fista());
    }

    /**
     * @param y images {@code [b, C, H, W]}
     * @return D(z) for the inferred maps z {@code [b, C, H, W]}
     */
    public INDArray reconstruct(INDArray y) {
        return dictionary.decode(infer(y).maps());
    }

    /**
     * Held-out measures, over the first {@code n} images.
     *
     * @param reconMse      mean squared error per pixel of D(z) against the image
     * @param zeroFraction  fraction of the map entries that are exactly zero
     * @param meanAbsCode   mean |z| per map entry
     * @param objective     J per image
     * @param images        images measured
     */
    public record Metrics(double reconMse, double zeroFraction, double meanAbsCode, double objective, int images) {
    }

    /**
     * @param data images
     * @param n    how many, from the first
     * @return the measures
     */
    public Metrics evaluate(LabeledImages data, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("images = " + n + ": expected >= 1");
        }
        int count = Math.min(n, data.size());
        double sq = 0;
        double zeros = 0;
        double abs = 0;
        double j = 0;
        long pixels = 0;
        long codes = 0;
        for (int from = 0; from < count; from += EVAL_CHUNK) {
            int[] idx = new int[Math.min(EVAL_CHUNK, count - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            try (MemoryWorkspace ws = ScratchWorkspace.open("deconvnet-eval")) {
                INDArray y = data.features(idx, FeatureLayout.NCHW).castTo(dictionary.filters().dataType());
                SparseInference.Result r = infer(y);
                INDArray diff = dictionary.decode(r.maps()).subi(y);
                sq += Math.pow(diff.norm2Number().doubleValue(), 2);
                pixels += y.length();
                zeros += ConvDictionary.zeroFraction(r.maps()) * r.maps().length();
                abs += Transforms.abs(r.maps(), true).sumNumber().doubleValue();
                codes += r.maps().length();
                j += r.finalObjective();
            }
        }
        return new Metrics(sq / pixels, zeros / codes, abs / codes, j / count, count);
    }
}
