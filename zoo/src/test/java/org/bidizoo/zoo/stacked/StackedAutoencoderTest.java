package org.bidizoo.zoo.stacked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Greedy layer-wise pretraining on the real MNIST files, briefly. */
@Tag("data")
class StackedAutoencoderTest {
    @Test
    void eachLevelIsTrainedOnTheCodesBelowAndLandsInTheStack() throws IOException {
        DataSplits data = DataSplits.load("mnist");
        ModelSettings s = ModelSettings.builder().seed(4).learningRate(3e-3).build();
        ComputationGraph one = new StackedAutoencoder(new int[] {16}, 40, 20, s, null).pretrain(data);
        StackedAutoencoder two = new StackedAutoencoder(new int[] {16, 8}, 40, 20, s, null);
        ComputationGraph stack = two.pretrain(data);
        // level 1 is the same autoencoder whether or not a level follows (greedy: trained before level 2 exists)
        for (String key : new String[] {"W0", "b0", "V0", "c0"}) {
            assertEquals(one.getLayer("lmser").getParam(key), stack.getLayer("lmser").getParam(key), key);
        }
        ComputationGraph fresh = two.stack().init();
        assertNotEquals(fresh.getLayer("lmser").getParam("W1"), stack.getLayer("lmser").getParam("W1"),
                "level 2 was trained");
        AutoencoderModel spec = two.stack();
        double trained = Evaluator.evaluate(spec, stack, data.testIterator(spec.featureLayout(), 500)).reconMse();
        double untrained = Evaluator.evaluate(spec, fresh, data.testIterator(spec.featureLayout(), 500)).reconMse();
        assertTrue(trained < untrained, "the unrolled stack reconstructs: " + trained + " vs " + untrained);
        assertThrows(IllegalArgumentException.class, () -> new StackedAutoencoder(new int[] {16, 0}, 1, 1, s, null));
    }

    @Test
    void aContractiveStackPenalisesEachLevelsJacobian() throws IOException {
        DataSplits data = DataSplits.load("mnist");
        ModelSettings s = ModelSettings.builder().seed(4).learningRate(3e-3).build();
        StackedAutoencoder cae = new StackedAutoencoder(new int[] {16, 8}, 40, 20, s, null, 1.0);
        assertEquals("stacked-cae", cae.stack().name());
        ComputationGraph plain = new StackedAutoencoder(new int[] {16, 8}, 40, 20, s, null).pretrain(data);
        ComputationGraph contractive = cae.pretrain(data);
        for (String w : new String[] {"W0", "W1"}) {
            double p = plain.getLayer("lmser").getParam(w).norm2Number().doubleValue();
            double c = contractive.getLayer("lmser").getParam(w).norm2Number().doubleValue();
            assertTrue(c < p, w + ": the contraction keeps the encoder's weights smaller, " + c + " vs " + p);
        }
        assertEquals("contraction = -0.1, expected a finite number >= 0", assertThrows(IllegalArgumentException.class,
                () -> new StackedAutoencoder(new int[] {16}, 1, 1, s, null, -0.1)).getMessage());
    }
}
