package org.bidizoo.zoo.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.source.Sha256;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The registry's metadata is recomputed from the real shipped files: hash, size, parameter count,
 * and the test-set metric on the real MNIST test set. initPretrained works offline for them.
 */
@Tag("data")
class PretrainedRegistryTest {
    @TempDir
    Path cache;
    private String oldDir;

    @BeforeEach
    void isolatedCache() {
        oldDir = System.getProperty(WeightsDownloader.DIR_PROPERTY);
        System.setProperty(WeightsDownloader.DIR_PROPERTY, cache.toString());
    }

    @AfterEach
    void restore() {
        if (oldDir == null) {
            System.clearProperty(WeightsDownloader.DIR_PROPERTY);
        } else {
            System.setProperty(WeightsDownloader.DIR_PROPERTY, oldDir);
        }
    }

    @Test
    void everyShippedEntryMatchesItsFile() throws IOException {
        Map<String, DataSplits> datasets = new HashMap<>();
        int shipped = 0;
        for (PretrainedEntry e : PretrainedRegistry.all()) {
            if (!e.shipped()) {
                continue;
            }
            shipped++;
            byte[] bytes;
            try (InputStream in = getClass().getResourceAsStream(WeightsDownloader.RESOURCE_DIR + e.fileName())) {
                assertTrue(in != null, e.fileName() + " ships in the jar");
                bytes = in.readAllBytes();
            }
            assertEquals(e.size(), bytes.length, e.id() + " size");
            assertEquals(e.sha256(), Sha256.of(bytes), e.id() + " sha256");
            assertTrue(e.fileName().contains(e.sha256().substring(0, 8)));
            BidizooModel spec = ZooRegistry.create(e.model(), e.variant().isEmpty() ? null
                    : LmserVariant.byName(e.variant()), ModelSettings.builder().build());
            ComputationGraph g = spec.initPretrained(e);
            assertEquals(e.parameters(), g.numParams(), e.id() + " parameters");
            assertEquals(spec.init().numParams(), g.numParams(), "same structure as init()");
            ComputationGraph fresh = spec.init();
            assertEquals(fresh.getConfiguration().getVertices().keySet(), g.getConfiguration().getVertices().keySet());
            assertEquals(fresh.getConfiguration().getNetworkOutputs(), g.getConfiguration().getNetworkOutputs());
            for (Map.Entry<String, INDArray> p : fresh.paramTable().entrySet()) {
                assertArrayEquals(p.getValue().shape(), g.paramTable().get(p.getKey()).shape(), e.id() + " " + p.getKey());
            }
        }
        assertTrue(shipped >= 1, "at least one shipped entry");
        // the shipped total stays small: the zoo jar carries it (seed 004's family added ~35 MB in session 15)
        long total = PretrainedRegistry.all().stream().filter(PretrainedEntry::shipped).mapToLong(PretrainedEntry::size)
                .sum();
        assertTrue(total < 64_000_000, "shipped weights total " + total + " bytes");
    }

    /**
     * Every shipped entry's metrics, recomputed on the whole test set of its dataset (about three minutes: tagged
     * {@code slow}, run with {@code mvn -B verify -Dsurefire.excludedGroups=}).
     */
    @Test
    @Tag("slow")
    void everyShippedEntrysMetricsAreRecomputedOnTheTestSet() throws IOException {
        Map<String, DataSplits> datasets = new HashMap<>();
        for (PretrainedEntry e : PretrainedRegistry.all()) {
            if (!e.shipped()) {
                continue;
            }
            BidizooModel spec = ZooRegistry.create(e.model(), e.variant().isEmpty() ? null
                    : LmserVariant.byName(e.variant()), ModelSettings.builder().build());
            ComputationGraph g = spec.initPretrained(e);
            DataSplits data = datasets.computeIfAbsent(e.dataset(), PretrainedRegistryTest::load);
            Evaluation ev = Evaluator.evaluate(spec, g, data.testIterator(spec.featureLayout(), Integer.MAX_VALUE));
            if (e.metrics().containsKey("recon_mse")) {
                assertEquals(e.metrics().get("recon_mse"), ev.reconMse(), 1e-6, e.id() + " recon_mse");
            }
            if (e.metrics().containsKey("test_accuracy")) {
                assertEquals(e.metrics().get("test_accuracy"), ev.accuracy(), 1e-9, e.id() + " test_accuracy");
            }
        }
    }

    private static DataSplits load(String dataset) {
        try {
            return DataSplits.load(dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Zoo models that have no weights yet (issue #7 stays open for them): the Associated Learning models
     * are too large to ship (al-mlp 25M parameters, about 100 MB; al-mlp-bp 13M; al-cnn 17M) and the CIFAR ones need
     * CIFAR-10, which this project cannot fetch. The DBN (1.7M parameters, 6.7 MB per dataset) is left out for size
     * too: `reproduce rbm --parts dbn` trains it in minutes. Adding weights, or a model without them, must update
     * this.
     */
    private static final List<String> WITHOUT_WEIGHTS = List.of("al-mlp", "al-mlp-bp", "al-cnn", "al-vgg",
            "al-vgg-bp", "al-resnet20", "al-resnet20-bp", "al-resnet32", "al-resnet32-bp", "dbn", "inversion-smallcnn",
            "inversion-largecnn", "inversion-resnet2-32", "inversion-resnet3-16", "inversion-peer-smallcnn");

    @Test
    void everyZooModelHasShippedDefaultsForBothDatasetsOrIsNamedAsWithoutWeights() {
        assertEquals(WITHOUT_WEIGHTS, ZooRegistry.namesWithoutWeights());
        for (ZooRegistry.Entry m : ZooRegistry.all().values()) {
            if (WITHOUT_WEIGHTS.contains(m.name())) {
                continue;
            }
            for (String dataset : new String[] {"mnist", "fashion-mnist"}) {
                BidizooModel spec = m.builder().get().build();
                PretrainedEntry e = PretrainedRegistry.defaultFor(spec.name(), spec.variantName(), dataset);
                assertTrue(e.shipped(), e.id() + " is shipped");
                assertEquals(dataset.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_V1", e.version());
            }
        }
    }

    @Test
    void initPretrainedWorksOfflineAndCaches() throws IOException {
        BidizooModel spec = ZooRegistry.create("lmser-dense", LmserVariant.UN, ModelSettings.builder().build());
        ComputationGraph g = spec.initPretrained(PretrainedType.MNIST);
        PretrainedEntry e = PretrainedRegistry.defaultFor("lmser-dense", "un", "mnist");
        assertTrue(Files.exists(cache.resolve(e.fileName())), "cached after the first call");
        assertTrue(WeightsDownloader.fromEnvironment().isCachedAndVerified(e));
        assertEquals(spec.init().getConfiguration().toJson().length() > 0, true);
        assertEquals(spec.init().numParams(), g.numParams());
        UnsupportedOperationException x = assertThrows(UnsupportedOperationException.class,
                () -> spec.initPretrained(PretrainedType.IMAGENET));
        assertTrue(x.getMessage().contains("use PretrainedType.MNIST"), x.getMessage());
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
                () -> ZooRegistry.create("fcn", null, ModelSettings.builder().build()).initPretrained("cifar-10"));
        assertTrue(y.getMessage().contains("no pretrained weights for fcn on cifar-10; available: ["), y.getMessage());
    }

    @Test
    void registryRejectsDuplicatesAndBadHashes() throws IOException {
        ObjectMapper om = new ObjectMapper();
        String one = "{\"model\":\"m\",\"variant\":\"\",\"dataset\":\"mnist\",\"version\":\"MNIST_V1\",\"file\":\"m-%s.zip\","
                + "\"sha256\":\"%s\",\"size\":1,\"parameters\":1,\"metrics\":{},\"preprocessing\":\"\",\"licence\":\"x\","
                + "\"command\":\"\",\"train_seconds\":0,\"shipped\":false,\"default\":true}";
        String sha = "0123456789abcdef".repeat(4);
        String e = String.format(one, sha.substring(0, 8), sha);
        IllegalStateException x = assertThrows(IllegalStateException.class,
                () -> PretrainedRegistry.parse(om.readTree("{\"weights\":[" + e + "," + e + "]}")));
        assertTrue(x.getMessage().contains("registered twice"), x.getMessage());
        String bad = String.format(one, "deadbeef", sha);
        x = assertThrows(IllegalStateException.class, () -> PretrainedRegistry.parse(om.readTree("{\"weights\":[" + bad + "]}")));
        assertTrue(x.getMessage().contains("must carry its first 8"), x.getMessage());
        assertFalse(PretrainedRegistry.parse(om.readTree("{\"weights\":[" + e + "]}")).isEmpty());
    }
}
