package org.bidizoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.bidizoo.layers.associated.AssociatedBlock;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One worker averaging after every minibatch is plain {@code fit}: the parameters and the Adam state after the same
 * minibatches are equal to float tolerance, so the averaging path (broadcast, the worker's rebuilt copy, the
 * aggregation, the driver's update of parameters, updater state and iteration count) adds nothing of its own.
 */
class ParameterAveragingEquivalenceTest {
    private static JavaSparkContext sc;
    private static final int BATCH = 8;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start(SparkSettings.builder().master("local[1]").build());
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void oneWorkerFrequencyOneIsPlainFit() {
        for (BidizooModel m : new BidizooModel[] {ZooRegistry.create("lmser-dense"), smallAl()}) {
            String name = m.name();
            ComputationGraph plain = m.init();
            ComputationGraph onSpark = m.init();
            assertEquals(plain.params(), onSpark.params());
            SparkSettings s = SparkSettings.builder().master("local[1]").workers(1).averagingFrequency(1)
                    .batchPerWorker(BATCH).build();
            SparkTraining t = new SparkTraining(m, onSpark, sc, s);
            Nd4j.getRandom().setSeed(7);
            int steps = 4;
            for (int i = 0; i < steps; i++) {
                INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 784);
                INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
                for (int r = 0; r < BATCH; r++) {
                    y.putScalar(r, (r + i) % 10, 1);
                }
                MultiDataSet b = m.trainingBatch(x, y, null);
                plain.fit(b);
                SparkTraining.Result res = t.fit(sc.parallelize(List.of(b), 1));
                assertEquals(1, res.rounds());
            }
            double p = relDiff(plain.params(), onSpark.params());
            double u = relDiff(plain.getUpdater().getStateViewArray(), onSpark.getUpdater().getStateViewArray());
            System.err.printf("%s: after %d steps, parameters differ by %.3g (relative max), Adam state by %.3g%n", name,
                    steps, p, u);
            assertTrue(p < 1e-5, name + ": parameters differ by " + p);
            assertTrue(u < 1e-5, name + ": updater state differs by " + u);
            assertEquals(plain.getConfiguration().getIterationCount(), onSpark.getConfiguration().getIterationCount());
            assertTrue(relDiff(plain.params(), m.init().params()) > 1e-6, name + " trained at all");
        }
    }

    @Test
    void dl4jCloneDropsTheIterationCount() {
        ComputationGraph g = ZooRegistry.create("lmser-dense").init();
        g.getConfiguration().setIterationCount(5);
        g.getConfiguration().setEpochCount(2);
        assertEquals(0, g.getConfiguration().clone().getIterationCount(), "DL4J's workers copy the configuration with"
                + " clone(); if it keeps the iteration count now, WorkerHook's copy of it is redundant");
    }

    /**
     * @return Associated Learning with al-mlp's structure (two dense blocks, bridges, local losses, several outputs) at
     *         a width that averages in milliseconds
     */
    static BidizooModel smallAl() {
        ModelSettings s = ModelSettings.builder().learningRate(3e-3).build(); // al-mlp's 1e-4 is slow at this width
        return AssociatedZooModel.custom(s, "al-mlp-small", false, false, st -> AssociatedLearning.builder()
                .inputType(InputType.feedForward(st.inputSize())).numClasses(st.numClasses()).seed(st.seed())
                .dataType(st.dataType()).updater(st.updater(AssociatedZooModel.DEFAULT_LEARNING_RATE))
                .block(AssociatedBlock.dense(64, 64, 128)).block(AssociatedBlock.dense(64, 64, 128)).build(),
                Activation.RELU);
    }

    /** max |a - b| / max |a| */
    static double relDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(1e-12, a.amaxNumber().doubleValue());
    }
}
