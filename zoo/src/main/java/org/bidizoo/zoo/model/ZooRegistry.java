package org.bidizoo.zoo.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bidizoo.zoo.pretrained.PretrainedRegistry;
import org.nd4j.linalg.activations.Activation;

/**
 * Every zoo model of every family by name: Lmser, its feed-forward baselines, the autoencoder family, the RBMs and
 * the deep belief net of seed 004, Associated Learning and its backprop twins, and the inversion networks of seed
 * 002. Each name hands out its family's typed builder with the model's defaults ({@link #builder(String, Class)});
 * a duplicate name is an error.
 *
 * <pre>{@code
 * BidizooModel lmser = ZooRegistry.builder("lmser-dense", LmserModel.Builder.class)
 *         .variant(LmserVariant.SUP).settings(ModelSettings.builder().seed(7).build()).build();
 * BidizooModel inv = ZooRegistry.builder("inversion-smallcnn", InversionModel.Builder.class)
 *         .alpha(0.7).beta(0.2).classBalance(1).build();
 * BidizooModel cnn = ZooRegistry.create("cnn");
 * }</pre>
 */
public final class ZooRegistry {
    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    /**
     * A registered model.
     *
     * @param name        zoo name
     * @param description one line
     * @param builder     a fresh builder with the model's defaults, of its family's type
     */
    public record Entry(String name, String description, Supplier<ModelBuilder> builder) {
        /** @return whether the Lmser variant applies */
        public boolean hasVariants() {
            return builder.get() instanceof LmserModel.Builder;
        }
    }

    static {
        register("lmser-dense", "dense Lmser [784, 300, 100, 10] (seed 000)",
                () -> new LmserModel.Builder(LmserDense::paper));
        register("lmser-conv", "convolutional Lmser, channels [16, 32, 64, 64] (seed 000)",
                () -> new LmserModel.Builder(LmserConv::paper));
        register("fcn", "feed-forward classifier with LmserDense's encoder",
                () -> ModelBuilder.of(FeedForwardBaselines::fcn));
        register("cnn", "convolutional classifier with LmserConv's encoder",
                () -> ModelBuilder.of(FeedForwardBaselines::cnn));
        register("al-mlp", "Associated Learning MLP, 2 blocks of 1024 with 5120-unit bridges (seed 003)",
                () -> ModelBuilder.of(s -> AssociatedZooModel.mlp(s, false)));
        register("al-mlp-bp", "backprop twin of al-mlp: 784-1024-1024-5120-1024-1024-10 ReLU",
                () -> ModelBuilder.of(s -> AssociatedZooModel.mlp(s, true)));
        register("al-cnn", "Associated Learning CNN, 4 blocks of two 3x3 convolutions (seed 003)",
                () -> ModelBuilder.of(s -> AssociatedZooModel.cnn(s, false)));
        register("al-cnn-bp", "backprop twin of al-cnn: 8 convolutions, FC 1280, 4 x FC 256, FC 10",
                () -> ModelBuilder.of(s -> AssociatedZooModel.cnn(s, true)));
        register("al-vgg", "Associated Learning VGG, 4 blocks of VGG-11 stages, for 3x32x32 (seed 003)",
                () -> ModelBuilder.of(s -> AssociatedZooModel.vgg(s, false)));
        register("al-vgg-bp", "backprop twin of al-vgg", () -> ModelBuilder.of(s -> AssociatedZooModel.vgg(s, true)));
        for (int depth : new int[] {20, 32}) {
            register("al-resnet" + depth, "Associated Learning ResNet-" + depth + ", one block per stage, for"
                    + " 3x32x32 (seed 003)", () -> ModelBuilder.of(s -> AssociatedZooModel.resnet(s, depth, false)));
            register("al-resnet" + depth + "-bp", "backprop twin of al-resnet" + depth,
                    () -> ModelBuilder.of(s -> AssociatedZooModel.resnet(s, depth, true)));
        }
        registerAutoencoders();
        register("rbm-binary", "RBM 784-500, binary visible units, CD-1 through DL4J's pretrainLayer (seed 004)",
                () -> RbmModel.builder("rbm-binary", org.bidizoo.layers.rbm.VisibleUnits.BINARY));
        register("rbm-gaussian", "RBM 784-500, Gaussian visible units (sigma 0.3), CD-1 (seed 004)",
                () -> RbmModel.builder("rbm-gaussian", org.bidizoo.layers.rbm.VisibleUnits.GAUSSIAN));
        register("dbn", "deep belief net 784-500-500-2000 + softmax: greedy RBM pretraining (1000 minibatches"
                + " each), then fine-tuning (seed 004)", DbnModel::builder);
        for (InversionArchitecture a : InversionArchitecture.values()) {
            if (a == InversionArchitecture.CNN1D) {
                continue; // built for generated 1-D signals by its experiment, not for images
            }
            register("inversion-" + a.cliName(), "seed 002's " + a.cliName() + ": logits and J(x)^T f(x), Eq. 10"
                    + " (alpha 0.7, beta 0.2, mean pooling by default)", () -> InversionModel.builder(a));
        }
    }

    private ZooRegistry() {
    }

    /**
     * Seed 004's autoencoder family on seed 000's dense [784, 300, 100, 10] ReLU stack with DCW and DPN off (the plain
     * autoencoder itself is {@code lmser-dense} with variant {@code ae}); the contractive one is a single sigmoid level
     * of 300 units, where ‖J_f(x)‖²_F has its closed form.
     */
    private static void registerAutoencoders() {
        register("ae-l2", "autoencoder [784, 300, 100, 10] with L2 1e-3 on the weights (seed 004)",
                () -> autoencoder("ae-l2").l2(1e-3));
        register("ae-sparse-l1", "sparse autoencoder [784, 300, 100, 10], L1 0.01 on the code (seed 004)",
                () -> autoencoder("ae-sparse-l1").codeL1(0.01));
        register("ae-sparse-kl", "sparse autoencoder [784, 300, 100, 10], sigmoid code, KL to rho 0.1 with weight 0.1"
                + " (seed 004)", () -> autoencoder("ae-sparse-kl").codeActivation(Activation.SIGMOID).codeKL(0.1, 0.1));
        double[] levels = {0.3, 0.2, 0.25};
        for (AutoencoderCorruption.Kind k : AutoencoderCorruption.Kind.values()) {
            String name = "ae-denoising-" + k.cliName();
            double level = levels[k.ordinal()];
            register(name, "denoising autoencoder [784, 300, 100, 10], " + k.cliName() + " noise " + level + ", loss"
                    + " against the clean input (seed 004)",
                    () -> autoencoder(name).corruption(new AutoencoderCorruption(k, level)));
        }
        register("ae-conv-denoising-masking", "convolutional denoising autoencoder, channels [16, 32, 64, 64] as"
                + " lmser-conv's, masking noise 0.25 (seed 004)", () -> autoencoder("ae-conv-denoising-masking")
                .convChannels(16, 32, 64, 64).corruption(new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING,
                        0.25)));
        register("ae-contractive", "contractive autoencoder [784, 300] sigmoid, lambda 0.01 on ||J_f(x)||_F^2 in"
                + " closed form (seed 004)", () -> autoencoder("ae-contractive").hidden(300)
                .activation(Activation.SIGMOID).contraction(0.01));
        register("stacked-ae", "stacked autoencoder 784-128-64 tanh, levels trained greedily (seed 004)",
                () -> autoencoder("stacked-ae").hidden(128, 64).activation(Activation.TANH).stacked(true));
        register("stacked-dae", "stacked denoising autoencoder 784-128-64 tanh, masking 25% at every level, levels"
                + " trained greedily (seed 004)", () -> autoencoder("stacked-dae").hidden(128, 64)
                .activation(Activation.TANH).corruption(new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING,
                        0.25)).stacked(true));
    }

    private static AutoencoderModel.Builder autoencoder(String name) {
        return new AutoencoderModel.Builder().name(name);
    }

    private static void register(String name, String description, Supplier<ModelBuilder> builder) {
        if (MODELS.putIfAbsent(name, new Entry(name, description, builder)) != null) {
            throw new IllegalStateException("zoo model '" + name + "' is registered twice");
        }
    }

    /** @return every model, in registration order */
    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(MODELS);
    }

    private static Entry entry(String name) {
        Entry e = MODELS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("model: unknown '" + name + "'; expected one of " + MODELS.keySet());
        }
        return e;
    }

    /**
     * @param name a zoo name
     * @return a fresh builder with the model's defaults
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static ModelBuilder builder(String name) {
        return entry(name).builder().get();
    }

    /**
     * @param name   a zoo name
     * @param family the family's builder type, e.g. {@code InversionModel.Builder.class}
     * @param <B>    that type
     * @return a fresh builder with the model's defaults
     * @throws IllegalArgumentException naming the model and its family's builder if it is of another family
     */
    public static <B extends ModelBuilder> B builder(String name, Class<B> family) {
        ModelBuilder b = builder(name);
        if (!family.isInstance(b)) {
            throw new IllegalArgumentException("model '" + name + "' is configured by " + b.getClass().getName()
                    .replace('$', '.') + ", not " + family.getName().replace('$', '.'));
        }
        return family.cast(b);
    }

    /**
     * @param name a zoo name
     * @return the model with its defaults
     */
    public static BidizooModel create(String name) {
        return builder(name).build();
    }

    /**
     * @param name     a zoo name
     * @param variant  the Lmser variant (null = the default); only for Lmser models
     * @param settings shared settings
     * @return the model
     * @throws IllegalArgumentException naming the value and the known names, or a variant given to a model without
     */
    public static BidizooModel create(String name, LmserVariant variant, ModelSettings settings) {
        ModelBuilder b = builder(name).settings(settings);
        if (variant != null) {
            if (!(b instanceof LmserModel.Builder lb)) {
                throw new IllegalArgumentException("variant: model '" + name + "' has no variants; drop --variant");
            }
            lb.variant(variant);
        }
        return b.build();
    }

    /** @return names of the zoo models that have no pretrained weights at all, in registration order */
    public static List<String> namesWithoutWeights() {
        List<String> out = new ArrayList<>();
        for (String name : MODELS.keySet()) {
            if (PretrainedRegistry.all().stream().noneMatch(e -> e.model().equals(name))) {
                out.add(name);
            }
        }
        return out;
    }
}
