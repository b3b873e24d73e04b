package org.bidizoo.zoo.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Set;

import org.bidizoo.layers.lmser.LmserOutput;
import org.bidizoo.zoo.model.LmserConv;
import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class LmserClassifierTest {
    private static final ModelSettings S = ModelSettings.builder().seed(3).build();

    @TempDir
    File dir;

    private static DataSet batch(int b, long... shape) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, b, 10);
        for (int i = 0; i < b; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void frozenEncoderKeepsItsWeightsWhileTheHeadLearns() throws Exception {
        ComputationGraph trained = LmserConv.paper(S, LmserVariant.UN).init();
        ComputationGraph g = LmserClassifier.builder().features(LmserOutput.CODE).updater(new Adam(1e-2)).build()
                .build(trained);
        assertEquals(Set.of("lmser", "head", "label"), g.getConfiguration().getVertices().keySet());
        assertEquals(List.of("label"), g.getConfiguration().getNetworkOutputs());
        assertTrue(g.getLayer("lmser") instanceof FrozenLayer, "the encoder is not frozen");
        assertEquals(DataType.FLOAT, g.params().dataType());
        INDArray lmser0 = g.getLayer("lmser").params().dup();
        INDArray head0 = g.getLayer("head").params().dup();
        assertTrue(lmser0.equals(trained.getLayer("lmser").params()), "pretrained parameters were not carried over");
        for (int b : new int[] {1, 6}) {
            DataSet ds = batch(b, b, 1, 28, 28);
            assertArrayEquals(new long[] {b, 10}, g.outputSingle(ds.getFeatures()).shape());
            g.fit(ds);
        }
        assertEquals(lmser0, g.getLayer("lmser").params(), "a frozen encoder moved");
        assertFalse(head0.equalsWithEps(g.getLayer("head").params(), 1e-6), "the head did not learn");
        assertEquals(256L * 128 + 128 + 128 * 10 + 10, LmserClassifier.trainableParams(g));
    }

    @Test
    void unfrozenEncoderLearnsToo() {
        ComputationGraph trained = LmserDense.paper(S, LmserVariant.UN).init();
        ComputationGraph g = LmserClassifier.builder().freezeEncoder(false).hidden(0).updater(new Adam(1e-2)).build()
                .build(trained);
        assertEquals(410L * 10 + 10 + trained.numParams(), g.numParams(), "HIDDEN features: 300 + 100 + 10 units");
        assertFalse(g.getLayer("lmser") instanceof FrozenLayer);
        INDArray lmser0 = g.getLayer("lmser").params().dup();
        g.fit(batch(4, 4, 784));
        assertFalse(lmser0.equalsWithEps(g.getLayer("lmser").params(), 1e-6), "the unfrozen encoder did not learn");
        assertTrue(lmser0.equals(trained.getLayer("lmser").params()), "fine-tuning changed the pretrained graph");
    }

    @Test
    void savedClassifierReloadsWithEqualOutputs() throws Exception {
        ComputationGraph g = LmserClassifier.builder().updater(new Adam(1e-3)).build()
                .build(LmserConv.paper(S, LmserVariant.UN).init());
        DataSet ds = batch(3, 3, 1, 28, 28);
        g.fit(ds);
        File f = new File(dir, "ft.zip");
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        assertTrue(g.outputSingle(ds.getFeatures()).equalsWithEps(back.outputSingle(ds.getFeatures()), 1e-6));
        assertTrue(back.getLayer("lmser") instanceof FrozenLayer);
        ComputationGraph fromJson = new ComputationGraph(
                org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson()));
        fromJson.init(g.params().dup(), false);
        assertTrue(g.outputSingle(ds.getFeatures()).equalsWithEps(fromJson.outputSingle(ds.getFeatures()), 1e-6));
    }

    @Test
    void badRecipesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LmserClassifier.builder().build())
                .getMessage().contains("updater is required"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LmserClassifier.builder().updater(new Adam()).hidden(-1).build()).getMessage()
                .contains("hidden = -1, expected >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LmserClassifier.builder().updater(new Adam()).numClasses(1).build()).getMessage()
                .contains("numClasses = 1, expected >= 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LmserClassifier.builder().updater(new Adam()).features(LmserOutput.BOTH).build()).getMessage()
                .contains("features = BOTH, expected HIDDEN or CODE"));
    }
}
