package org.bidizoo.zoo.model;

import java.util.Locale;

import org.bidizoo.datasets.corrupt.Corruption;
import org.bidizoo.datasets.corrupt.GaussianNoise;
import org.bidizoo.datasets.corrupt.MaskingNoise;
import org.bidizoo.datasets.corrupt.SaltAndPepper;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input corruption of a denoising autoencoder (seed 004, "Denoising autoencoders (3)"): one of the
 * {@code datasets} corruptions at a level in (0, 1], applied afresh to every training minibatch. The corruption of
 * a minibatch depends only on the model's seed and the iteration, so a resumed run corrupts exactly as an
 * uninterrupted one.
 *
 * @param kind  which corruption
 * @param level Gaussian: the noise's standard deviation (pixels are in [0, 1]; not clipped); salt-and-pepper: the
 *              fraction of pixels set to 0 or 1; masking: the fraction set to 0
 */
public record AutoencoderCorruption(Kind kind, double level) {
    /** The corruptions of seed 004's list. */
    public enum Kind {
        /** additive isotropic Gaussian noise N(0, level²) */
        GAUSSIAN,
        /** a fraction {@code level} of the pixels becomes black or white (even odds) */
        SALT_PEPPER,
        /** a fraction {@code level} of the pixels is set to 0 */
        MASKING;

        /** @return the name in zoo model names, e.g. {@code salt-pepper} */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @throws IllegalArgumentException naming the kind or the level and what was expected
     */
    public AutoencoderCorruption {
        if (kind == null) {
            throw new IllegalArgumentException("corruption kind: null, expected GAUSSIAN, SALT_PEPPER or MASKING");
        }
        if (!(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("corruption level = " + level + " for " + kind.cliName()
                    + ", expected a number in (0, 1]");
        }
    }

    /** @return the {@code datasets} corruption */
    public Corruption corruption() {
        return switch (kind) {
            case GAUSSIAN -> new GaussianNoise(level, false);
            case SALT_PEPPER -> new SaltAndPepper(level);
            case MASKING -> new MaskingNoise(level);
        };
    }

    /**
     * @param clean     a minibatch {@code [b, ...]}, values in [0, 1]
     * @param seed      the model's seed
     * @param iteration iterations done before this minibatch
     * @return the corrupted copy, in {@code clean}'s data type and shape
     */
    public INDArray apply(INDArray clean, long seed, int iteration) {
        long s = seed * 0x9E3779B97F4A7C15L + iteration;
        return corruption().apply(clean, s).input().castTo(clean.dataType()).reshape(clean.shape());
    }
}
