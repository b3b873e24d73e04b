package org.bidizoo.zoo.deconvnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.bidizoo.zoo.train.DataSplits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The deconvolutional network on real MNIST (fetched if missing): learned filters beat random ones on held-out images. */
@Tag("data")
class DeconvNetRealDataTest {
    @Test
    void learnedFiltersReconstructHeldOutMnistBetterThanRandomUnitNormFilters() throws IOException {
        DataSplits mnist = DataSplits.load("mnist");
        DeconvNetConfig c = DeconvNetConfig.builder().maps(8).kernel(7).lambda(5).p(1).inferenceSteps(10).batch(16)
                .seed(3).build();
        DeconvNetTrainer.Trained t = DeconvNetTrainer.train(c, mnist.train(), 50, DataType.FLOAT);
        DeconvNet random = DeconvNet.random(c, 1, DataType.FLOAT);
        DeconvNet.Metrics learned = t.net().withInferenceSteps(60).evaluate(mnist.test(), 40);
        DeconvNet.Metrics baseline = random.withInferenceSteps(60).evaluate(mnist.test(), 40);
        String msg = "learned " + learned + " vs random " + baseline;
        assertTrue(learned.reconMse() < baseline.reconMse(), msg);
        assertTrue(learned.objective() < 0.8 * baseline.objective(), msg);
        double first = t.objective().subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = t.objective().subList(40, 50).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first, "J per training image falls: " + first + " -> " + last);
    }
}
