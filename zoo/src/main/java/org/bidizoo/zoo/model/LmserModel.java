package org.bidizoo.zoo.model;

/**
 * What the Lmser zoo models share: a variant, biases on or off, always a reconstruction output,
 * a label output for Lmser(sup).
 */
public abstract class LmserModel extends BidizooModel {
    private final LmserVariant variant;
    private final boolean biases;

    /**
     * @param settings shared settings
     * @param variant  un, un-n, ae or sup
     * @param biases   whether the levels have biases
     */
    protected LmserModel(ModelSettings settings, LmserVariant variant, boolean biases) {
        super(settings);
        if (variant == null) {
            throw new IllegalArgumentException("variant must not be null; expected un, un-n, ae or sup");
        }
        this.variant = variant;
        this.biases = biases;
    }

    /** @return the variant */
    public LmserVariant variant() {
        return variant;
    }

    /** @return whether the levels have biases */
    public boolean biases() {
        return biases;
    }

    @Override
    public String variantName() {
        return variant.cliName();
    }

    @Override
    public boolean reconstructs() {
        return true;
    }

    @Override
    public boolean classifies() {
        return variant.supervised();
    }

    /**
     * Configures an Lmser zoo model: its variant and the shared settings.
     */
    public static final class Builder implements ModelBuilder {
        private final java.util.function.BiFunction<ModelSettings, LmserVariant, ? extends LmserModel> factory;
        private ModelSettings settings = ModelSettings.builder().build();
        private LmserVariant variant = LmserVariant.UN;
        private LmserWeights weights;

        /** @param factory builds the model from settings and variant (e.g. {@code LmserDense::paper}) */
        public Builder(java.util.function.BiFunction<ModelSettings, LmserVariant, ? extends LmserModel> factory) {
            this.factory = factory;
        }

        @Override
        public Builder settings(ModelSettings s) {
            this.settings = s;
            return this;
        }

        /** @param v un, un-n, ae or sup (default un) @return this */
        public Builder variant(LmserVariant v) {
            this.variant = v;
            return this;
        }

        /**
         * @param w trained weights for this model; sets the variant to theirs, and {@link BidizooModel#load()} of the
         *          built model returns the graph with them
         * @return this
         */
        public Builder weights(LmserWeights w) {
            this.weights = w;
            if (w != null) {
                this.variant = LmserVariant.byName(w.entry().variant());
            }
            return this;
        }

        @Override
        public LmserModel build() {
            if (settings == null) {
                throw new IllegalArgumentException("settings are required, got null");
            }
            LmserModel m = factory.apply(settings, variant);
            if (weights != null) {
                if (!weights.entry().model().equals(m.name())) {
                    throw new IllegalArgumentException("weights = " + weights + " are for " + weights.entry().model()
                            + ", not " + m.name());
                }
                m.useWeights(weights);
            }
            return m;
        }
    }
}
