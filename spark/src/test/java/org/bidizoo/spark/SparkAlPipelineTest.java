package org.bidizoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.bidizoo.layers.associated.PipelinedTrainer;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.RoundListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Associated Learning's blocks pipelined across Spark tasks ({@code local[2]}, one block per task) give the same
 * parameters as the threaded pipeline, which equals {@code fit} (PipelinedTrainerTest): nothing is averaged.
 */
class SparkAlPipelineTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start(SparkSettings.builder().master("local[2]").build());
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    /** Seven minibatches of 8 random images with one-hot labels (equivalence needs no real data). */
    private static List<DataSet> minibatches() {
        Nd4j.getRandom().setSeed(3);
        List<DataSet> out = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 8, 784);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
            for (int r = 0; r < 8; r++) {
                y.putScalar(r, (r + k) % 10, 1.0);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    @Test
    void equalsTheThreadedPipelineForEveryChunkSize() {
        AssociatedZooModel m = (AssociatedZooModel) ParameterAveragingEquivalenceTest.smallAl();
        List<DataSet> data = minibatches();
        ComputationGraph threaded = m.init();
        try (PipelinedTrainer t = new PipelinedTrainer(m.network(threaded), 2)) {
            t.fit(data.iterator());
        }
        for (int chunk : new int[] {1, 3, 7}) {
            ComputationGraph spark = m.init();
            SparkAlPipeline.Result r = new SparkAlPipeline(m.network(spark), sc, chunk).fit(data);
            int chunks = (data.size() + chunk - 1) / chunk;
            assertEquals(chunks + 1, r.steps(), "N chunks through 2 blocks take N + 1 steps");
            assertEquals(7, r.minibatches());
            double diff = ParameterAveragingEquivalenceTest.relDiff(threaded.params(), spark.params());
            assertTrue(diff < 1e-6, "chunk " + chunk + ": parameters differ from the threaded pipeline by " + diff);
            assertTrue(spark.params().sub(m.init().params()).amaxNumber().doubleValue() > 0, "it trained");
        }
    }

    /** The job {@code train MODEL --spark MASTER --al-pipeline} runs equals a local run on the same real minibatches. */
    @Test
    @Tag("data")
    void theJobEqualsALocalRunOnMnist() throws Exception {
        AssociatedZooModel m = (AssociatedZooModel) ParameterAveragingEquivalenceTest.smallAl();
        DataSplits data = DataSplits.load("mnist");
        ComputationGraph local = TwoWorkersMnistTest.oneMachine(m, data, 30);
        sc.stop(); // the job starts its own context
        try {
            ComputationGraph spark = m.init();
            INDArray init = spark.params().dup();
            Watcher watcher = new Watcher();
            spark.addListeners(watcher);
            SparkTrainJob.Outcome o = SparkTrainJob.runPipelined(m, spark, data, 30, TwoWorkersMnistTest.SEED,
                    SparkSettings.builder().master("local[2]").batchPerWorker(TwoWorkersMnistTest.BATCH).build(), 8,
                    false);
            assertEquals(30, o.minibatches());
            assertEquals(4 + 1, o.rounds(), "4 chunks of at most 8 through 2 blocks");
            assertEquals("SparkAlPipeline", o.settings().get("training"));
            double diff = ParameterAveragingEquivalenceTest.relDiff(local.params(), spark.params());
            assertTrue(diff < 1e-5, "parameters differ from the local run by " + diff);
            // the dashboard's listeners on the driver were told after each job, with the blocks' parameters then
            assertEquals(List.of("0-8", "8-16", "16-24", "24-30"), watcher.rounds);
            assertEquals(30, spark.getIterationCount());
            INDArray first = watcher.seen.get(0);
            assertTrue(ParameterAveragingEquivalenceTest.relDiff(init, first) > 1e-4, "after the first job the"
                    + " listeners saw trained parameters");
            assertTrue(ParameterAveragingEquivalenceTest.relDiff(spark.params(), first) > 1e-4, "the first job's"
                    + " parameters are not the final ones");
            assertEquals(0.0, ParameterAveragingEquivalenceTest.relDiff(spark.params(), watcher.seen.get(3)), 1e-7);
        } finally {
            start();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainJob.runPipelined(
                ZooRegistry.create("lmser-dense"), null, null, 1, 1, SparkSettings.builder().build(), 1, false));
        assertTrue(e.getMessage().startsWith("--al-pipeline pipelines Associated Learning's blocks; lmser-dense is not"),
                e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        AssociatedZooModel m = (AssociatedZooModel) ParameterAveragingEquivalenceTest.smallAl();
        ComputationGraph g = m.init();
        assertEquals("chunk = 0, expected >= 1 minibatches per step", assertThrows(IllegalArgumentException.class,
                () -> new SparkAlPipeline(m.network(g), sc, 0)).getMessage());
        assertEquals("minibatches: none given", assertThrows(IllegalArgumentException.class,
                () -> new SparkAlPipeline(m.network(g), sc, 2).fit(List.of())).getMessage());
    }

    /** A driver-side listener of the kind the dashboard's are: records each round and the parameters it saw. */
    private static final class Watcher extends BaseTrainingListener implements RoundListener {
        private final List<String> rounds = new ArrayList<>();
        private final List<INDArray> seen = new ArrayList<>();

        @Override
        public void roundDone(ComputationGraph graph, int before, int after) {
            rounds.add(before + "-" + after);
            seen.add(graph.params().dup());
        }
    }
}
