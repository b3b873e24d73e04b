package org.bidizoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two workers on {@code local[2]} train {@code lmser-dense} Lmser(un) on the real MNIST files to a test
 * reconstruction MSE (first {@value #TEST_EXAMPLES} test images) within {@value #MARGIN}x of one machine's at equal
 * samples seen (the same seeded minibatches), and a narrow Associated Learning MLP to a test accuracy within
 * {@value #AL_MARGIN} of one machine's. Parameter averaging every {@value #FREQUENCY} minibatches makes each update an average of two workers' progress on
 * different data, so some loss at equal samples is expected; the margin bounds it.
 */
@Tag("data")
class TwoWorkersMnistTest {
    /** Allowed ratio of the two-worker test MSE to the one-machine test MSE. */
    static final double MARGIN = 2.0;
    static final int MINIBATCHES = 300;
    static final int BATCH = 50;
    static final int FREQUENCY = 10;
    static final long SEED = 12345;
    /** Test examples the MSE is measured on (the first of the test file). */
    static final int TEST_EXAMPLES = 2000;
    /** Allowed accuracy gap, one machine minus two workers, for Associated Learning. */
    static final double AL_MARGIN = 0.05;
    /**
     * Associated Learning's minibatches: its accuracy stays on a plateau for the first ~150 steps (one machine:
     * 0.12 after 100 minibatches, 0.35 after 150, 0.71 after 200, 0.89 after 300), and two workers take half as many
     * sequential steps at equal samples seen, so 300 minibatches compared a plateau with a finished climb.
     */
    static final int AL_MINIBATCHES = 600;
    /** Gradient sharing's minibatches, in one Spark job (the test only shows that it trains). */
    static final int SHARING_MINIBATCHES = 100;

    @Test
    void lmserDenseUnsupervised() throws Exception {
        DataSplits data = DataSplits.load("mnist");
        BidizooModel m = ZooRegistry.create("lmser-dense", LmserVariant.UN, ModelSettings.builder().seed(SEED).build());
        double untrained = mse(m, m.init(), data);

        double oneMachine = mse(m, oneMachine(m, data, MINIBATCHES), data);
        ComputationGraph spark = m.init();
        SparkTrainJob.Outcome o = twoWorkers(m, spark, data, MINIBATCHES);
        double twoWorkers = mse(m, spark, data);

        System.err.printf("lmser-dense un, %d minibatches of %d: test MSE untrained %.4f, one machine %.4f,"
                + " 2 workers (local[2], averaging every %d) %.4f = %.2fx; Spark %.1f s%n", MINIBATCHES, BATCH, untrained,
                oneMachine, FREQUENCY, twoWorkers, twoWorkers / oneMachine, o.seconds());
        assertEquals(MINIBATCHES, o.minibatches());
        assertEquals(MINIBATCHES / (2 * FREQUENCY), o.rounds());
        assertTrue(oneMachine < 0.5 * untrained, "one machine learned: " + oneMachine + " vs " + untrained);
        assertTrue(twoWorkers < MARGIN * oneMachine, "2 workers " + twoWorkers + " vs one machine " + oneMachine);
    }

    /**
     * DL4J's gradient sharing on loopback (Aeron over UDP, {@code local[2]}): it trains. Its figure at 300 minibatches
     * (about 3x one machine's MSE, threshold-encoded updates) is in docs/notebook/spark.md, measured from the CLI.
     */
    // DL4J 1.0.0-M2's SharedTrainingWrapper hangs now and then on local[2] (a task parked in
    // BlockingObserver.waitTillDone for minutes: one clean-clone CI run of two on 2026-12-06), so gradient sharing's
    // real runs stay out of the default test run (-Dsurefire.excludedGroups= runs them) and fail after 5 minutes
    // instead of hanging.
    @Tag("slow")
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @Test
    void lmserDenseWithGradientSharing() throws Exception {
        DataSplits data = DataSplits.load("mnist");
        BidizooModel m = ZooRegistry.create("lmser-dense", LmserVariant.UN, ModelSettings.builder().seed(SEED).build());
        double untrained = mse(m, m.init(), data);
        ComputationGraph spark = m.init();
        SparkSettings s = SparkSettings.builder().master("local[2]").workers(2).averagingFrequency(SHARING_MINIBATCHES / 2)
                .batchPerWorker(BATCH).seed(SEED).gradientSharing(true).build();
        SparkTrainJob.Outcome o = SparkTrainJob.run(m, spark, data, SHARING_MINIBATCHES, SEED, s, false);
        double shared = mse(m, spark, data);
        System.err.printf("lmser-dense un, %d minibatches of %d with gradient sharing on local[2]: test MSE untrained"
                + " %.4f, trained %.4f; Spark %.1f s%n", SHARING_MINIBATCHES, BATCH, untrained, shared, o.seconds());
        assertEquals("SharedTrainingMaster", o.settings().get("training_master"));
        assertEquals(SHARING_MINIBATCHES, o.minibatches());
        assertTrue(spark.getIterationCount() >= SHARING_MINIBATCHES / 2, "each worker's steps reached the driver: "
                + spark.getIterationCount());
        assertTrue(shared < 0.5 * untrained, "gradient sharing learned: " + shared + " vs " + untrained);
    }

    @Test
    void associatedLearningClassifier() throws Exception {
        DataSplits data = DataSplits.load("mnist");
        BidizooModel m = ParameterAveragingEquivalenceTest.smallAl();
        double oneMachine = accuracy(m, oneMachine(m, data, AL_MINIBATCHES), data);
        ComputationGraph spark = m.init();
        SparkTrainJob.Outcome o = twoWorkers(m, spark, data, AL_MINIBATCHES);
        double twoWorkers = accuracy(m, spark, data);

        System.err.printf("al-mlp (narrow), %d minibatches of %d: test accuracy one machine %.4f, 2 workers (local[2],"
                + " averaging every %d) %.4f; Spark %.1f s%n", AL_MINIBATCHES, BATCH, oneMachine, FREQUENCY, twoWorkers,
                o.seconds());
        assertEquals(AL_MINIBATCHES / (2 * FREQUENCY), o.rounds());
        assertTrue(oneMachine > 0.85, "one machine learned: " + oneMachine);
        assertTrue(twoWorkers >= oneMachine - AL_MARGIN, "2 workers " + twoWorkers + " vs one machine " + oneMachine);
    }

    /** @return a fresh graph trained by the local loop on the first {@code minibatches} of the seeded stream */
    static ComputationGraph oneMachine(BidizooModel m, DataSplits data, int minibatches) {
        ComputationGraph g = m.init();
        TrainingLoop.forModel(m, g, TrainingRdds.stream(m, data, BATCH, SEED)).iterations(minibatches).progress(false)
                .build().run();
        return g;
    }

    /** Trains {@code g} on the same minibatches with two workers on local[2], averaging every {@value #FREQUENCY}. */
    static SparkTrainJob.Outcome twoWorkers(BidizooModel m, ComputationGraph g, DataSplits data, int minibatches) {
        SparkSettings s = SparkSettings.builder().master("local[2]").workers(2).averagingFrequency(FREQUENCY)
                .batchPerWorker(BATCH).seed(SEED).build();
        return SparkTrainJob.run(m, g, data, minibatches, SEED, s, false);
    }

    static double accuracy(BidizooModel m, ComputationGraph g, DataSplits data) {
        return Evaluator.evaluate(m, g, data.testIterator(m.featureLayout(), TEST_EXAMPLES)).accuracy();
    }

    static double mse(BidizooModel m, ComputationGraph g, DataSplits data) {
        return Evaluator.evaluate(m, g, data.testIterator(m.featureLayout(), TEST_EXAMPLES)).reconMse();
    }
}
