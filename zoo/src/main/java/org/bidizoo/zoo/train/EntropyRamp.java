package org.bidizoo.zoo.train;

/**
 * A schedule for the entropy term of Eq. 10, after seed 002's Eq. 13 (loss weights that change with the
 * minibatch t) and its suggested policy: reconstruction first, then classification and entropy. The entropy's
 * weight (1 − α)(1 − β) is multiplied by {@code min(1, t / iterations)} at minibatch t = 0, 1, …: it starts at 0
 * and reaches its Eq. 10 value after {@code iterations} minibatches. The other terms keep their weights.
 *
 * @param iterations minibatches the ramp lasts, {@code >= 0}; 0 = no ramp (Eq. 10's constant weight)
 */
public record EntropyRamp(int iterations) {
    /** Eq. 10's constant weight. */
    public static final EntropyRamp NONE = new EntropyRamp(0);

    /**
     * @param iterations minibatches the ramp lasts, {@code >= 0}
     */
    public EntropyRamp {
        if (iterations < 0) {
            throw new IllegalArgumentException("entropy ramp iterations = " + iterations
                    + ", expected >= 0 (0: no ramp)");
        }
    }

    /**
     * @param minibatch minibatches trained before this one, {@code >= 0}
     * @return the factor on the entropy's weight for this minibatch, in [0, 1]
     */
    public double factor(int minibatch) {
        if (minibatch < 0) {
            throw new IllegalArgumentException("minibatch = " + minibatch + ", expected >= 0");
        }
        return iterations == 0 ? 1.0 : Math.min(1.0, (double) minibatch / iterations);
    }
}
