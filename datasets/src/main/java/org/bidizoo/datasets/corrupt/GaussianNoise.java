package org.bidizoo.datasets.corrupt;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Additive Gaussian noise N(0, sigma²) on every value, optionally clipped to [0, 1]; the mask is all ones. */
public final class GaussianNoise implements Corruption {
    private final double sigma;
    private final boolean clip;

    /**
     * @param sigma standard deviation, {@code > 0}
     * @param clip  whether to clip the result to [0, 1]
     */
    public GaussianNoise(double sigma, boolean clip) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a positive finite number, got " + sigma);
        }
        this.sigma = sigma;
        this.clip = clip;
    }

    @Override
    public Corrupted apply(INDArray clean, long seed) {
        float[] x = Corruption.values(clean, "GaussianNoise");
        float[] m = new float[x.length];
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            float v = (float) (x[i] + sigma * r.nextGaussian());
            x[i] = clip ? Math.max(0f, Math.min(1f, v)) : v;
            m[i] = 1f;
        }
        return new Corrupted(Corruption.like(x, clean), Corruption.like(m, clean));
    }
}
