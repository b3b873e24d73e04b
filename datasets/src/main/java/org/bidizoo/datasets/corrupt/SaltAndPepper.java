package org.bidizoo.datasets.corrupt;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Salt-and-pepper noise: each value, with probability {@code fraction}, becomes 0 or 1 (even odds). */
public final class SaltAndPepper implements Corruption {
    private final double fraction;

    /** @param fraction probability that a value is replaced, in (0, 1] */
    public SaltAndPepper(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
    }

    @Override
    public Corrupted apply(INDArray clean, long seed) {
        float[] x = Corruption.values(clean, "SaltAndPepper");
        float[] m = new float[x.length];
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            if (r.nextDouble() < fraction) {
                x[i] = r.nextBoolean() ? 1f : 0f;
                m[i] = 1f;
            }
        }
        return new Corrupted(Corruption.like(x, clean), Corruption.like(m, clean));
    }
}
