package org.bidizoo.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.layers.associated.AssociatedBlock;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.layers.associated.PipelinedTrainer;
import org.bidizoo.layers.updater.FastAdam;
import org.bidizoo.zoo.train.DataSplits;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** A small AL network learns real MNIST, the same whether trained by {@code fit} or pipelined on two threads. */
@Tag("data")
class AssociatedLearningRealDataTest {
    private static double accuracy(AssociatedNetwork net, DataSplits d) {
        ImageDataSetIterator te = d.testIterator(FeatureLayout.FLAT, 1000);
        long correct = 0;
        long n = 0;
        while (te.hasNext()) {
            DataSet ds = te.next();
            correct += net.output(ds.getFeatures()).argMax(1).eq(ds.getLabels().argMax(1)).castTo(DataType.INT32)
                    .sumNumber().longValue();
            n += ds.numExamples();
        }
        return (double) correct / n;
    }

    @Test
    void learnsMnistAndPipelinedTrainingMatchesSequential() throws Exception {
        DataSplits d = DataSplits.load("mnist");
        AssociatedLearning spec = AssociatedLearning.builder().inputType(InputType.feedForward(784)).numClasses(10)
                .updater(new FastAdam(3e-3)).block(AssociatedBlock.dense(128, 128, 256))
                .block(AssociatedBlock.dense(128, 128, 256)).build();
        AssociatedNetwork sequential = spec.build();
        AssociatedNetwork pipelined = spec.build();
        double chance = accuracy(sequential, d);
        try (PipelinedTrainer t = new PipelinedTrainer(pipelined, 2)) {
            for (int epoch = 0; epoch < 4; epoch++) {
                ImageDataSetIterator it = ImageDataSetIterator.builder(d.train()).layout(FeatureLayout.FLAT).batchSize(32)
                        .shuffle(epoch).firstN(2000).build();
                sequential.fit(it);
                t.fit(it);
            }
        }
        double a = accuracy(sequential, d);
        double p = accuracy(pipelined, d);
        assertTrue(chance < 0.2, "untrained: " + chance);
        assertTrue(a > 0.7, "AL after 4 epochs of 2000 images: " + a);
        // in double precision the two are equal to 1e-10 (PipelinedTrainerTest); float rounding in a different
        // association order drifts apart a little over 250 steps
        assertEquals(a, p, 0.025, "pipelined on two threads reaches the sequential accuracy");
    }
}
