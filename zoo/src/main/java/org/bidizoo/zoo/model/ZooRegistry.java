package org.bidizoo.zoo.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.bidizoo.zoo.pretrained.PretrainedRegistry;

/**
 * Every zoo model by name, with one way to build each. A duplicate name is an error. Models
 * without variants ignore the variant argument.
 */
public final class ZooRegistry {
    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    /**
     * A registered model.
     *
     * @param name        zoo name
     * @param description one line
     * @param hasVariants whether the Lmser variant applies
     * @param factory     builds it from a variant (may be null) and settings
     */
    public record Entry(String name, String description, boolean hasVariants,
                        BiFunction<LmserVariant, ModelSettings, BidizooModel> factory) {
    }

    static {
        register(new Entry("lmser-dense", "dense Lmser [784, 300, 100, 10] (seed 000)", true,
                (v, s) -> LmserDense.paper(s, v == null ? LmserVariant.UN : v)));
        register(new Entry("lmser-conv", "convolutional Lmser, channels [16, 32, 64, 64] (seed 000)", true,
                (v, s) -> LmserConv.paper(s, v == null ? LmserVariant.UN : v)));
        register(new Entry("fcn", "feed-forward classifier with LmserDense's encoder", false,
                (v, s) -> FeedForwardBaselines.fcn(s)));
        register(new Entry("cnn", "convolutional classifier with LmserConv's encoder", false,
                (v, s) -> FeedForwardBaselines.cnn(s)));
        register(new Entry("al-mlp", "Associated Learning MLP, 2 blocks of 1024 with 5120-unit bridges (seed 003)", false,
                (v, s) -> AssociatedZooModel.mlp(s, false)));
        register(new Entry("al-mlp-bp", "backprop twin of al-mlp: 784-1024-1024-5120-1024-1024-10 ReLU", false,
                (v, s) -> AssociatedZooModel.mlp(s, true)));
        register(new Entry("al-cnn", "Associated Learning CNN, 4 blocks of two 3x3 convolutions (seed 003)", false,
                (v, s) -> AssociatedZooModel.cnn(s, false)));
        register(new Entry("al-cnn-bp", "backprop twin of al-cnn: 8 convolutions, FC 1280, 4 x FC 256, FC 10", false,
                (v, s) -> AssociatedZooModel.cnn(s, true)));
        register(new Entry("al-vgg", "Associated Learning VGG, 4 blocks of VGG-11 stages, for 3x32x32 (seed 003)", false,
                (v, s) -> AssociatedZooModel.vgg(s, false)));
        register(new Entry("al-vgg-bp", "backprop twin of al-vgg", false, (v, s) -> AssociatedZooModel.vgg(s, true)));
        for (int depth : new int[] {20, 32}) {
            register(new Entry("al-resnet" + depth, "Associated Learning ResNet-" + depth + ", one block per stage, for"
                    + " 3x32x32 (seed 003)", false, (v, s) -> AssociatedZooModel.resnet(s, depth, false)));
            register(new Entry("al-resnet" + depth + "-bp", "backprop twin of al-resnet" + depth, false,
                    (v, s) -> AssociatedZooModel.resnet(s, depth, true)));
        }
    }

    private ZooRegistry() {
    }

    private static void register(Entry e) {
        if (MODELS.putIfAbsent(e.name(), e) != null) {
            throw new IllegalStateException("zoo model '" + e.name() + "' is registered twice");
        }
    }

    /** @return every model, in registration order */
    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(MODELS);
    }

    /**
     * @param name     a zoo name
     * @param variant  the Lmser variant (ignored by models without variants; null = default)
     * @param settings shared settings
     * @return the model
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static BidizooModel create(String name, LmserVariant variant, ModelSettings settings) {
        Entry e = MODELS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("model: unknown '" + name + "'; expected one of " + MODELS.keySet());
        }
        if (variant != null && !e.hasVariants()) {
            throw new IllegalArgumentException("variant: model '" + name + "' has no variants; drop --variant");
        }
        return e.factory().apply(variant, settings);
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
