package org.bidizoo.zoo.stacked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

/** The stacked autoencoder zoo models train greedily through {@link TrainingRun}, level by level. */
@Tag("data")
class StackedEngineTest {
    @TempDir
    Path tmp;

    @Test
    void aTrainingRunOfAStackedModelIsTheGreedyStack() throws Exception {
        DataSplits data = DataSplits.load("mnist");
        BidizooModel m = ZooRegistry.create("stacked-ae", null, ModelSettings.builder().seed(4).build());
        assertSame(StackedEngine.INSTANCE, StackedEngine.forModel(m));
        assertNull(StackedEngine.forModel(ZooRegistry.create("ae-l2")), "a plain autoencoder trains with fit");
        TrainingRun.Result r = TrainingRun.builder(m, data).iterations(41).batch(20).seed(4)
                .engine(StackedEngine.forModel(m)).out(tmp.resolve("run"), "--out").build().run();
        AutoencoderModel ae = (AutoencoderModel) m;
        var direct = new StackedAutoencoder(ae.hidden(), 20, 20, ae.settings().toBuilder().seed(4).build(), null)
                .pretrain(data);
        assertEquals(direct.params(), r.graph().params(), "20 minibatches per level, as the greedy stack itself");
        Map<String, Object> json = r.toJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> greedy = (Map<String, Object>) json.get("greedy");
        assertEquals(20, greedy.get("iterations_per_level"));
        assertTrue((Double) json.get("recon_mse") < 0.2, json.toString());
        assertEquals(null, json.get("spark"));
    }

    @Test
    void badStackedConfigurationsAreNamed() {
        assertEquals("stacked = true builds tanh levels (seed 004's stack); got activation RELU",
                assertThrows(IllegalArgumentException.class, () -> new AutoencoderModel.Builder().hidden(8, 4)
                        .stacked(true).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AutoencoderModel.Builder().hidden(8, 4)
                .activation(Activation.TANH).codeL1(0.1).stacked(true).build()).getMessage()
                .startsWith("stacked = true trains dense levels greedily with no penalty on the whole stack; got"
                        + " l2 = 0.0, codeL1 = 0.1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StackedEngine.INSTANCE.train(
                ZooRegistry.create("ae-l2"), null, null, 10, 10, 1)).getMessage()
                .startsWith("model ae-l2 is not a stacked autoencoder"));
        assertEquals("iterations = 1, expected at least one per level (2)", assertThrows(IllegalArgumentException.class,
                () -> StackedEngine.INSTANCE.train(ZooRegistry.create("stacked-ae"), null, null, 1, 10, 1))
                .getMessage());
    }
}
