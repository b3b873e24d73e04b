package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.pretrained.PretrainedRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** The weights enums and the pretrained registry name the same files, one to one, each in its family. */
class ZooWeightsTest {
    private static List<ZooWeights> all() {
        List<ZooWeights> out = new ArrayList<>();
        Stream.of(LmserWeights.values(), BaselineWeights.values(), AssociatedWeights.values(), ClassicWeights.values())
                .forEach(a -> out.addAll(List.of(a)));
        return out;
    }

    @Test
    void everyRegistryEntryHasExactlyOneConstantNamedAfterIt() {
        List<String> ids = all().stream().map(ZooWeights::id).sorted().toList();
        assertEquals(PretrainedRegistry.all().stream().map(PretrainedEntry::id).sorted().toList(), ids);
        for (ZooWeights w : all()) {
            String expected = w.id().replace("/", "_").replace('-', '_').toUpperCase(Locale.ROOT);
            assertEquals(expected, ((Enum<?>) w).name(), "constant named after its id " + w.id());
        }
    }

    @Test
    void eachFamilyHoldsItsOwnModelsAndDefaultsToARegistryDefault() {
        for (LmserWeights w : LmserWeights.values()) {
            assertTrue(w.entry().model().startsWith("lmser-"), w.id());
        }
        for (BaselineWeights w : BaselineWeights.values()) {
            assertTrue(List.of("fcn", "cnn").contains(w.entry().model()), w.id());
        }
        for (AssociatedWeights w : AssociatedWeights.values()) {
            assertTrue(w.entry().model().startsWith("al-"), w.id());
        }
        for (ClassicWeights w : ClassicWeights.values()) {
            assertTrue(w.entry().model().startsWith("ae-") || w.entry().model().startsWith("rbm-")
                    || w.entry().model().startsWith("stacked-"), w.id());
        }
        for (ZooWeights d : List.of(LmserWeights.DEFAULT, BaselineWeights.DEFAULT, AssociatedWeights.DEFAULT,
                ClassicWeights.DEFAULT)) {
            assertTrue(d.entry().isDefault(), d.id());
        }
    }

    @Test
    void theLmserBuilderTakesItsWeightsTyped() throws IOException {
        LmserModel m = ZooRegistry.builder("lmser-dense", LmserModel.Builder.class)
                .weights(LmserWeights.LMSER_DENSE_SUP_MNIST_V1).build();
        assertEquals(LmserVariant.SUP, m.variant(), "the variant comes with the weights");
        ComputationGraph g = m.load();
        assertEquals(LmserWeights.LMSER_DENSE_SUP_MNIST_V1.load().params(), g.params());
        assertEquals(LmserWeights.LMSER_DENSE_SUP_MNIST_V1.entry().parameters(), g.numParams(),
                "the registry's parameter count is the file's");
        assertEquals("weights = LMSER_CONV_UN_MNIST_V1 are for lmser-conv, not lmser-dense",
                assertThrows(IllegalArgumentException.class, () -> ZooRegistry.builder("lmser-dense",
                        LmserModel.Builder.class).weights(LmserWeights.LMSER_CONV_UN_MNIST_V1).build()).getMessage());
        assertEquals("model 'cnn' is configured by org.bidizoo.zoo.model.ModelBuilder, not"
                + " org.bidizoo.zoo.model.LmserModel.Builder", assertThrows(IllegalArgumentException.class,
                        () -> ZooRegistry.builder("cnn", LmserModel.Builder.class)).getMessage().replaceAll(
                                "ModelBuilder\\$\\d+|ModelBuilder\\.\\d+", "ModelBuilder"));
    }
}
