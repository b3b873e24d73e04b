package org.bidizoo.spark;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bidizoo.datasets.progress.ProgressBar;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole Spark training run on bidizoo's data files, as {@code bidizoo train MODEL --spark MASTER} runs it: starts a
 * context, feeds {@code iterations} minibatches (the same seeded stream as a local run, so both see the same samples)
 * to {@link SparkTraining} one averaging round at a time, draws progress on stderr and stops the context.
 *
 * <p>One round per {@code fit} call: DL4J's direct approach cuts an RDD of R rounds into R random splits, and every
 * split re-reads the whole (persisted) RDD, so a long RDD costs O(R²): 400 MNIST minibatches in one call took 9 s
 * per round on local[2], one round per call 1.3 s. Only one round's minibatches are on the driver at a time.
 */
public final class SparkTrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainJob.class);

    private SparkTrainJob() {
    }

    /**
     * The outcome of a run.
     *
     * @param minibatches minibatches trained on (all workers together)
     * @param rounds      averaging rounds
     * @param seconds     seconds inside DL4J's Spark training (making the minibatches excluded)
     * @param score       the workers' mean score in the last round
     * @param settings    the Spark settings, JSON-ready
     */
    public record Outcome(long minibatches, long rounds, double seconds, double score, Map<String, Object> settings) {
    }

    /**
     * @param model      the zoo model
     * @param graph      its graph, trained in place
     * @param data       verified splits
     * @param iterations minibatches in the whole run (all workers together), {@code >= 1}
     * @param seed       shuffle seed of the minibatch stream
     * @param s          Spark settings (the batch per worker is the minibatch size)
     * @param progress   whether to draw a progress bar on stderr
     * @return the outcome
     */
    public static Outcome run(BidizooModel model, ComputationGraph graph, DataSplits data, int iterations, long seed,
                              SparkSettings s, boolean progress) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + ", expected >= 1");
        }
        SparkTraining.requireTrainable(model);
        Batches stream = TrainingRdds.stream(model, data, s.batchPerWorker(), seed);
        try (JavaSparkContext sc = SparkContexts.create("bidizoo train " + model.name(), s);
             ProgressBar bar = progress ? new ProgressBar("train " + model.name() + " on " + s.master(), iterations,
                     "it") : null) {
            SparkTraining training = new SparkTraining(model, graph, sc, s);
            long done = 0;
            long rounds = 0;
            double secs = 0;
            double score = Double.NaN;
            while (done < iterations) {
                int n = (int) Math.min(s.minibatchesPerRound(), iterations - done);
                JavaRDD<MultiDataSet> rdd = TrainingRdds.next(sc, model, stream, n, s.workers());
                SparkTraining.Result r = training.fit(rdd);
                done += n;
                rounds += r.rounds();
                secs += r.seconds();
                score = r.score();
                if (!Double.isFinite(score)) {
                    throw new IllegalStateException(model.name() + ": training on Spark diverged after " + done
                            + " minibatches: the score is " + score + "; lower the learning rate");
                }
                if (bar != null) {
                    bar.step(n);
                }
            }
            Map<String, Object> settings = new LinkedHashMap<>(s.toMap());
            settings.put(s.gradientSharing() ? "spark_jobs" : "averaging_rounds", rounds);
            return new Outcome(done, rounds, secs, score, settings);
        }
    }

    /**
     * An Associated Learning model's blocks pipelined across Spark tasks ({@link SparkAlPipeline}) on the same seeded
     * minibatch stream as a local run, so the trained graph equals a local run's. The graph's driver-side listeners
     * (the dashboard's pages) are told after each Spark job, from the blocks' parameters at that point (of B blocks,
     * block i is then B − i chunks ahead of the last block, whose progress is the iteration they are told).
     *
     * @param model      an Associated Learning zoo model (not a backprop twin)
     * @param graph      its training graph, trained in place
     * @param data       verified splits
     * @param iterations minibatches, {@code >= 1}
     * @param seed       shuffle seed of the stream
     * @param s          Spark settings (master; the batch per worker is the minibatch size)
     * @param chunk      minibatches per Spark job, {@code >= 1}
     * @param progress   whether to draw a progress bar on stderr
     * @return the outcome ({@code rounds}: Spark jobs)
     * @throws IllegalArgumentException for a model that is not Associated Learning
     */
    public static Outcome runPipelined(BidizooModel model, ComputationGraph graph, DataSplits data, int iterations,
                                       long seed, SparkSettings s, int chunk, boolean progress) {
        if (!(model instanceof AssociatedZooModel al) || al.isTwin()) {
            throw new IllegalArgumentException("--al-pipeline pipelines Associated Learning's blocks; " + model.name()
                    + " is " + (model instanceof AssociatedZooModel ? "a backprop twin" : "not an Associated Learning"
                    + " model") + " (use al-mlp, al-cnn, ...)");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + ", expected >= 1");
        }
        Batches stream = TrainingRdds.stream(model, data, s.batchPerWorker(), seed);
        Iterator<DataSet> raw = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true; // the stream starts a new epoch when one ends
            }

            @Override
            public DataSet next() {
                MultiDataSet m = stream.next();
                return new DataSet(m.getFeatures(0), m.getLabels(0));
            }
        };
        try (JavaSparkContext sc = SparkContexts.create("bidizoo train " + model.name() + " (AL pipeline)", s);
             ProgressBar bar = progress ? new ProgressBar("train " + model.name() + " pipelined on " + s.master(),
                     iterations, "it") : null) {
            if (DriverListeners.anyRouting(graph)) {
                LOG.warn("--al-pipeline: DL4J's own training statistics are not collected (no training master carries"
                        + " them from the tasks); bidizoo's dashboard pages are drawn on the driver after each Spark"
                        + " job");
            }
            boolean tell = DriverListeners.any(graph);
            int[] shown = {0};
            SparkAlPipeline.Result r = new SparkAlPipeline(al.network(graph), sc, chunk).fit(raw, iterations,
                    (n, snapshot) -> {
                        if (n <= shown[0]) {
                            return;
                        }
                        if (bar != null) {
                            bar.step(n - shown[0]);
                        }
                        if (tell) {
                            snapshot.run();
                            graph.getConfiguration().setIterationCount(n);
                            DriverListeners.roundDone(graph, shown[0], n);
                        }
                        shown[0] = n;
                    });
            graph.getConfiguration().setIterationCount(iterations);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("master", s.master());
            settings.put("training", "SparkAlPipeline");
            settings.put("blocks", al.network(graph).numBlocks());
            settings.put("chunk", chunk);
            settings.put("batch", s.batchPerWorker());
            settings.put("spark_jobs", r.steps());
            settings.put("serializer", s.kryo() ? "kryo" : "java");
            return new Outcome(r.minibatches(), r.steps(), r.seconds(), Double.NaN, settings);
        }
    }
}
