package org.bidizoo.zoo.model;

/**
 * Configures one zoo model before it is built: the settings every model shares ({@link ModelSettings}), plus
 * what its family adds through the family's own builder type ({@link LmserModel.Builder}'s variant,
 * {@link InversionModel.Builder}'s loss weights). {@link ZooRegistry#builder(String)} hands out each model's
 * builder with its defaults.
 */
public interface ModelBuilder {
    /**
     * @param settings the shared settings (seed, learning rate, input shape, classes)
     * @return this
     */
    ModelBuilder settings(ModelSettings settings);

    /**
     * @return the model
     * @throws IllegalArgumentException naming the setting, its value and what was expected
     */
    BidizooModel build();

    /**
     * @param factory builds a model of a family with no options of its own from the shared settings
     * @return a builder for it
     */
    static ModelBuilder of(java.util.function.Function<ModelSettings, ? extends BidizooModel> factory) {
        return new ModelBuilder() {
            private ModelSettings settings = ModelSettings.builder().build();

            @Override
            public ModelBuilder settings(ModelSettings s) {
                this.settings = s;
                return this;
            }

            @Override
            public BidizooModel build() {
                if (settings == null) {
                    throw new IllegalArgumentException("settings are required, got null");
                }
                return factory.apply(settings);
            }
        };
    }
}
