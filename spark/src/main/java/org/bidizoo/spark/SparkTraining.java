package org.bidizoo.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.apache.spark.api.java.JavaSparkContext;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains any bidizoo zoo model on Apache Spark with DL4J's {@link ParameterAveragingTrainingMaster} (each worker fits
 * {@code averagingFrequency} minibatches on its own copy, then the driver averages parameters and updater state) or,
 * with {@link SparkSettings.Builder#gradientSharing}, its {@link SharedTrainingMaster} (workers exchange quantized
 * updates after every minibatch). The
 * graph is trained in place and is afterwards an ordinary {@link ComputationGraph} (save it with
 * {@code SavedModels.save}, evaluate it, fine-tune it).
 *
 * <pre>{@code
 * BidizooModel m = ZooRegistry.create("lmser-dense");
 * ComputationGraph g = m.init();
 * SparkSettings s = SparkSettings.builder().master("local[2]").workers(2).averagingFrequency(5).batchPerWorker(50)
 *         .build();
 * try (JavaSparkContext sc = SparkContexts.create("lmser", s)) {
 *     JavaRDD<MultiDataSet> data = ...; // minibatches of 50 made by m.trainingBatch(x, y, mask)
 *     SparkTraining.Result r = new SparkTraining(m, g, sc, s).fit(data);
 * }
 * }</pre>
 *
 * <p>Every element of the RDD is one minibatch of {@code batchPerWorker} examples as {@link
 * BidizooModel#trainingBatch} makes it: features {@code [b, ...]} in the model's layout and the labels of every graph
 * output (Lmser: the flattened input and/or one-hot labels with their mask; Associated Learning: the targets of its
 * local losses). The first element is checked against the model on the driver ({@link RddShapes}).
 */
public final class SparkTraining {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);

    private final BidizooModel model;
    private final ComputationGraph graph;
    private final JavaSparkContext sc;
    private final SparkSettings settings;
    private final SparkComputationGraph spark;
    private boolean checked;

    /**
     * The outcome of one {@link #fit} call.
     *
     * @param minibatches minibatches in the RDD
     * @param rounds      averaging rounds DL4J ran (splits of {@code workers * averagingFrequency} minibatches)
     * @param seconds     wall time of the call
     * @param score       the workers' mean score in the last round
     */
    public record Result(long minibatches, long rounds, double seconds, double score) {
    }

    /**
     * @param model    the zoo model
     * @param graph    its graph (from {@code model.init()} or a saved model); trained in place
     * @param sc       a context ({@link SparkContexts#create})
     * @param settings workers, averaging frequency, batch per worker
     * @throws IllegalArgumentException for a model trained by layer-wise pretraining (RBM, DBN): DL4J's training
     *                                  masters run {@code fit} on the workers, never {@code pretrainLayer}
     */
    public SparkTraining(BidizooModel model, ComputationGraph graph, JavaSparkContext sc, SparkSettings settings) {
        this.model = requireTrainable(Objects.requireNonNull(model, "model"));
        this.graph = Objects.requireNonNull(graph, "graph");
        this.sc = Objects.requireNonNull(sc, "sc");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.spark = new SparkComputationGraph(sc, graph, trainingMaster(settings, graph,
                sc.getConf().get("spark.driver.host", "127.0.0.1")));
        routeListeners();
    }

    /**
     * The graph's listeners, on a cluster: copies of DL4J's routing listeners (its {@code StatsListener}) run on the
     * workers, and their records reach the listener's own storage on the driver with each averaging round (DL4J's
     * training master carries them back); the other listeners stay on the driver and are told after each round
     * ({@link DriverListeners}: {@code RoundListener}s once per round with the iterations it covered, the rest by
     * {@code iterationDone}).
     */
    private void routeListeners() {
        StatsStorageRouter router = null;
        List<TrainingListener> onWorkers = new ArrayList<>();
        for (TrainingListener l : graph.getListeners() == null ? List.<TrainingListener>of() : graph.getListeners()) {
            if (l instanceof RoutingIterationListener r && r.getStorageRouter() != null) {
                if (router != null && router != r.getStorageRouter()) {
                    throw new IllegalArgumentException("the graph's listeners post to two storages (" + router
                            + " and " + r.getStorageRouter() + "); on Spark all of them must use one");
                }
                router = r.getStorageRouter();
                RoutingIterationListener copy = r.clone();
                copy.setStorageRouter(null); // the workers' router is DL4J's, which sends the records to the driver
                onWorkers.add(copy);
            }
        }
        if (router != null && settings.gradientSharing()) {
            // DL4J's SharedTrainingMaster ships the router itself to every worker (the averaging master keeps it on
            // the driver), and a dashboard's storage is not serializable: Spark would fail with "Task not
            // serializable". The workers' StatsListener records are left out; the driver-side pages still update.
            LOG.warn("gradient sharing: DL4J's own training statistics from the workers are not collected (its shared"
                    + " training master would send the stats storage to the workers); bidizoo's dashboard pages are"
                    + " drawn on the driver after each Spark job");
            return;
        }
        if (router != null) {
            spark.setListeners(router, onWorkers);
        }
    }

    /**
     * @param model a zoo model
     * @return the model
     * @throws IllegalArgumentException for a model trained by layer-wise pretraining (RBM, DBN): DL4J's training
     *                                  masters run {@code fit} on the workers, never {@code pretrainLayer}
     */
    public static BidizooModel requireTrainable(BidizooModel model) {
        if (!model.pretraining().isEmpty()) {
            throw new IllegalArgumentException("model " + model.name() + " trains its layers by contrastive divergence"
                    + " (DL4J's pretrainLayer), which DL4J's Spark training masters do not run (their workers call"
                    + " fit); train it on one machine");
        }
        return model;
    }

    /**
     * @param s          settings
     * @param driver     the graph trained (workers start each round from its iteration count, see {@link WorkerHook})
     * @param driverHost where workers reach the driver ({@code spark.driver.host}): gradient sharing's parameter
     *                   server, unless the settings name a controller address
     * @return DL4J's training master for them. Parameter averaging: data handed to workers directly (no export to
     *         files), updater state averaged too, repartitioned so every worker gets its share. Gradient sharing:
     *         {@code SharedTrainingMaster} with an adaptive threshold encoding, one worker per Spark task, Aeron on
     *         the settings' port.
     */
    public static TrainingMaster<?, ?> trainingMaster(SparkSettings s, ComputationGraph driver, String driverHost) {
        if (s.gradientSharing()) {
            AeronTimeouts.apply();
            String controller = s.controllerAddress() != null ? s.controllerAddress() : driverHost;
            VoidConfiguration vc = VoidConfiguration.builder().unicastPort(s.sharingPort()).controllerAddress(controller)
                    .build();
            SharedTrainingMaster tm = new SharedTrainingMaster.Builder(vc, s.workers(),
                    new AdaptiveThresholdAlgorithm(s.threshold()), s.batchPerWorker())
                    .batchSizePerWorker(s.batchPerWorker())
                    .workersPerNode(1)
                    .workerPrefetchNumBatches(0)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .repartitionData(Repartition.Always)
                    .rngSeed(s.seed())
                    .build();
            tm.addHook(new WorkerHook(driver));
            return tm;
        }
        return new ParameterAveragingTrainingMaster.Builder(s.workers(), s.batchPerWorker())
                .batchSizePerWorker(s.batchPerWorker())
                .averagingFrequency(s.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Always)
                .rngSeed(s.seed())
                .trainingHooks(new WorkerHook(driver))
                .build();
    }

    /** @return DL4J's Spark wrapper of the graph (for its evaluation and scoring methods) */
    public SparkComputationGraph sparkGraph() {
        return spark;
    }

    /**
     * Trains on every minibatch of the RDD once. The first call checks the first minibatch against the model.
     * DL4J cuts the RDD into random splits of one round each and every split re-reads the whole RDD, so an RDD of
     * R rounds costs O(R²) reads: for long runs, call this once per round or a few rounds (as {@link SparkTrainJob}
     * does).
     *
     * @param data minibatches of {@code batchPerWorker} examples
     * @return the outcome
     * @throws IllegalArgumentException if the RDD is empty or its minibatches do not fit the model (named)
     */
    public Result fit(JavaRDD<MultiDataSet> data) {
        if (!checked) {
            List<MultiDataSet> first = data.take(1);
            if (first.isEmpty()) {
                throw new IllegalArgumentException("training data: the RDD is empty");
            }
            RddShapes.check(model, graph, first.get(0));
            long rows = first.get(0).getFeatures(0).size(0);
            if (rows != settings.batchPerWorker()) {
                throw new IllegalArgumentException("training data: minibatches of " + rows + " examples, but"
                        + " batchPerWorker = " + settings.batchPerWorker() + "; make them equal (each RDD element is"
                        + " one worker minibatch)");
            }
            checked = true;
        }
        long n = data.count();
        if (n == 0) {
            throw new IllegalArgumentException("training data: the RDD is empty");
        }
        long t0 = System.nanoTime();
        int before = graph.getIterationCount();
        spark.fitMultiDataSet(data);
        double secs = (System.nanoTime() - t0) / 1e9;
        DriverListeners.roundDone(graph, before, graph.getIterationCount());
        long rounds = (n + settings.minibatchesPerRound() - 1) / settings.minibatchesPerRound();
        LOG.debug("{}: {} minibatches, {} rounds on {} in {} s", model.name(), n, rounds, settings.master(), secs);
        return new Result(n, rounds, secs, spark.getScore());
    }

    /**
     * Trains on an RDD of single-input, single-output {@link DataSet}s (converted to {@link MultiDataSet}s).
     *
     * @param data minibatches of {@code batchPerWorker} examples
     * @return the outcome
     */
    public Result fitDataSets(JavaRDD<DataSet> data) {
        return fit(data.map(d -> (MultiDataSet) new org.nd4j.linalg.dataset.MultiDataSet(d.getFeatures(),
                d.getLabels(), d.getFeaturesMaskArray(), d.getLabelsMaskArray())));
    }

    /** @return the context */
    JavaSparkContext context() {
        return sc;
    }
}
