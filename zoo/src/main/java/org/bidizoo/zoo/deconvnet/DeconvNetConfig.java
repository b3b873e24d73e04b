package org.bidizoo.zoo.deconvnet;

/**
 * The settings of a deconvolutional network and its training; built by {@link #builder()}, which checks every
 * value.
 *
 * @param maps            feature maps K (filters per input channel)
 * @param kernel          filter side k; a map is {@code (H + k - 1) × (W + k - 1)} for an {@code H × W} image
 * @param lambda          λ of J: weight of the reconstruction term, {@code > 0}
 * @param p               exponent of the sparsity term Σ|z|^p, in [1, 2] (convex, so ISTA converges)
 * @param inferenceSteps  ISTA/FISTA iterations per inference, {@code >= 1}
 * @param fista           FISTA (momentum) instead of ISTA
 * @param filterRate      step of a filter update as a fraction of 1/L_F (L_F the Lipschitz constant of the
 *                        filters' gradient on the batch), in (0, 1]
 * @param batch           images per filter update, {@code >= 1}
 * @param seed            seed of the random initial filters
 */
public record DeconvNetConfig(int maps, int kernel, double lambda, double p, int inferenceSteps, boolean fista,
                              double filterRate, int batch, long seed) {
    /** @throws IllegalArgumentException naming the parameter, its value and what was expected */
    public DeconvNetConfig {
        if (maps < 1) {
            throw new IllegalArgumentException("maps = " + maps + ": expected >= 1 feature maps");
        }
        if (kernel < 1) {
            throw new IllegalArgumentException("kernel = " + kernel + ": expected a filter side >= 1");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda = " + lambda + ": expected a finite value > 0 (the weight of"
                    + " the reconstruction term of J)");
        }
        if (!(p >= 1 && p <= 2)) {
            throw new IllegalArgumentException("p = " + p + ": expected 1 <= p <= 2 (the sparsity term sum |z|^p;"
                    + " below 1 it is not convex and ISTA's guarantees are lost)");
        }
        if (inferenceSteps < 1) {
            throw new IllegalArgumentException("steps = " + inferenceSteps + ": expected >= 1 ISTA/FISTA iterations");
        }
        if (!(filterRate > 0 && filterRate <= 1)) {
            throw new IllegalArgumentException("filterRate = " + filterRate + ": expected 0 < rate <= 1 (a fraction"
                    + " of the step 1/L)");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + ": expected >= 1");
        }
    }

    /**
     * @param steps ISTA/FISTA iterations, {@code >= 1}
     * @return these settings with another inference budget (e.g. a longer one to measure held-out images)
     */
    public DeconvNetConfig withInferenceSteps(int steps) {
        return new DeconvNetConfig(maps, kernel, lambda, p, steps, fista, filterRate, batch, seed);
    }

    /** @return a builder with the defaults: 16 maps of 7×7, λ 5, p 1, 30 FISTA steps, rate 0.5, batch 32, seed 1 */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a checked {@link DeconvNetConfig}. */
    public static final class Builder {
        private int maps = 16;
        private int kernel = 7;
        private double lambda = 5;
        private double p = 1;
        private int steps = 30;
        private boolean fista = true;
        private double filterRate = 0.5;
        private int batch = 32;
        private long seed = 1;

        /** @param v feature maps @return this */
        public Builder maps(int v) {
            maps = v;
            return this;
        }

        /** @param v filter side @return this */
        public Builder kernel(int v) {
            kernel = v;
            return this;
        }

        /** @param v λ @return this */
        public Builder lambda(double v) {
            lambda = v;
            return this;
        }

        /** @param v p @return this */
        public Builder p(double v) {
            p = v;
            return this;
        }

        /** @param v ISTA/FISTA iterations per inference @return this */
        public Builder inferenceSteps(int v) {
            steps = v;
            return this;
        }

        /** @param v FISTA (true) or ISTA @return this */
        public Builder fista(boolean v) {
            fista = v;
            return this;
        }

        /** @param v filter step as a fraction of 1/L_F @return this */
        public Builder filterRate(double v) {
            filterRate = v;
            return this;
        }

        /** @param v images per filter update @return this */
        public Builder batch(int v) {
            batch = v;
            return this;
        }

        /** @param v seed @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @return the checked configuration */
        public DeconvNetConfig build() {
            return new DeconvNetConfig(maps, kernel, lambda, p, steps, fista, filterRate, batch, seed);
        }
    }
}
