package org.bidizoo.cli;

import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that train: data, variant, batch, learning rate, seed. */
public final class TrainOptions {
    @Mixin
    DatasetOption dataset;

    @Option(names = "--variant", description = "Lmser variant: un, un-n, ae or sup (default: un for Lmser models).")
    String variant;

    @Option(names = "--batch", description = "Minibatch size (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int batch;

    @Option(names = "--lr", description = "Adam learning rate (default: the model's: 1e-3, 3e-4 for unsupervised"
            + " lmser-conv).")
    Double learningRate;

    @Option(names = "--lr-decay", description = "Learning-rate factor per iteration (default: ${DEFAULT-VALUE};"
            + " the Lmser paper used 0.9999).", defaultValue = "1.0")
    double learningRateDecay;

    @Option(names = "--label-weight", description = "Lmser(sup): weight of the cross-entropy against the"
            + " reconstruction loss (default: ${DEFAULT-VALUE}, Eq. 4).", defaultValue = "1.0")
    double labelWeight;

    @Mixin
    SeedOption seed;

    /** @return the variant, or null when not given */
    LmserVariant variantOrNull() {
        return variant == null ? null : LmserVariant.byName(variant);
    }

    /** @return model settings from these options */
    ModelSettings settings() {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch = " + batch + ", expected >= 1");
        }
        return ModelSettings.builder().seed(seed.seed()).learningRate(learningRate == null ? Double.NaN : learningRate)
                .learningRateDecay(learningRateDecay)
                .labelWeight(labelWeight).build();
    }
}
