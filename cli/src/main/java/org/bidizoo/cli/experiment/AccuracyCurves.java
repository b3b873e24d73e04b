package org.bidizoo.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.PipelinedStep;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a classifying zoo model for whole epochs with the ordinary {@code fit} and records
 * training and test accuracy along the way (on fixed slices of each set, a few times per epoch),
 * then the accuracy on the whole test set. Seconds count training steps only.
 */
public final class AccuracyCurves {
    private static final Logger LOG = LoggerFactory.getLogger(AccuracyCurves.class);

    /**
     * One checkpoint.
     *
     * @param epoch         epochs done (fractional)
     * @param trainAccuracy accuracy on the training slice
     * @param testAccuracy  accuracy on the test slice
     */
    public record Point(double epoch, double trainAccuracy, double testAccuracy) {
        /** @return {@code epoch}, {@code train_accuracy}, {@code test_accuracy} */
        public Map<String, Object> toJson() {
            return Map.of("epoch", epoch, "train_accuracy", trainAccuracy, "test_accuracy", testAccuracy);
        }

        /**
         * @param json what {@link #toJson()} wrote, as JSON reads it back
         * @return the point
         */
        public static Point fromJson(Map<?, ?> json) {
            return new Point(((Number) json.get("epoch")).doubleValue(),
                    ((Number) json.get("train_accuracy")).doubleValue(), ((Number) json.get("test_accuracy")).doubleValue());
        }
    }

    /**
     * @param curve points
     * @return their JSON, in order
     */
    public static List<Map<String, Object>> toJson(List<Point> curve) {
        return curve.stream().map(Point::toJson).toList();
    }

    /**
     * @param row a cell's JSON holding a {@code curve} written by {@link #toJson(List)}
     * @return the curve
     */
    public static List<Point> curveOf(Map<String, Object> row) {
        return ((List<?>) row.get("curve")).stream().map(p -> Point.fromJson((Map<?, ?>) p)).toList();
    }

    /**
     * A finished run.
     *
     * @param model        zoo name
     * @param epochs       epochs trained
     * @param testAccuracy accuracy on the whole test set
     * @param trainSeconds seconds in training steps
     * @param curve        checkpoints
     * @param parameters   parameters of the trained graph
     */
    public record Run(String model, int epochs, double testAccuracy, double trainSeconds, List<Point> curve,
                      long parameters) {
    }

    /**
     * How to train.
     *
     * @param epochs           whole epochs, {@code >= 1}
     * @param batch            minibatch size
     * @param trainLimit       use the first this many training images (the whole set if larger)
     * @param evalLimit        size of the training and test slices of the curves
     * @param pointsPerEpoch   checkpoints per epoch, {@code >= 1}
     * @param seed             shuffle seed
     */
    public record Plan(int epochs, int batch, int trainLimit, int evalLimit, int pointsPerEpoch, long seed) {
        /** Validates. */
        public Plan {
            if (epochs < 1 || batch < 1 || trainLimit < 1 || evalLimit < 1 || pointsPerEpoch < 1) {
                throw new IllegalArgumentException("epochs = " + epochs + ", batch = " + batch + ", train limit = "
                        + trainLimit + ", eval limit = " + evalLimit + ", points per epoch = " + pointsPerEpoch
                        + ": expected all >= 1");
            }
        }
    }

    private AccuracyCurves() {
    }

    /**
     * Trains with the ordinary {@code fit}, one minibatch at a time.
     *
     * @param spec  the zoo model
     * @param graph its fresh graph (trained in place)
     * @param data  the dataset
     * @param plan  how to train
     * @return the run
     */
    public static Run train(BidizooModel spec, ComputationGraph graph, DataSplits data, Plan plan) {
        return train(spec, graph, data, plan, null);
    }

    /**
     * Trains an Associated Learning model with its blocks on {@code stages} threads
     * ({@link PipelinedStep}); the graph holds the trained parameters at every checkpoint.
     *
     * @param spec   an Associated Learning zoo model (not a backprop twin)
     * @param graph  its fresh training graph (trained in place)
     * @param data   the dataset
     * @param plan   how to train
     * @param stages pipeline threads, 1..number of blocks
     * @return the run
     */
    public static Run trainPipelined(AssociatedZooModel spec, ComputationGraph graph, DataSplits data, Plan plan,
                                     int stages) {
        try (PipelinedStep step = new PipelinedStep(spec, graph, stages)) {
            return train(spec, graph, data, plan, step);
        }
    }

    private static Run train(BidizooModel spec, ComputationGraph graph, DataSplits data, Plan plan,
                             PipelinedStep pipelined) {
        FeatureLayout layout = spec.featureLayout();
        ImageDataSetIterator.Builder tb = ImageDataSetIterator.builder(data.train()).layout(layout)
                .batchSize(plan.batch()).shuffle(plan.seed());
        if (plan.trainLimit() < data.train().size()) {
            tb.firstN(plan.trainLimit());
        }
        ImageDataSetIterator train = tb.build();
        train.reset(); // each epoch starts from a reset, the first one too
        int perEpoch = train.batchesPerEpoch();
        ImageDataSetIterator trainSlice = ImageDataSetIterator.builder(data.train()).layout(layout).batchSize(500)
                .firstN(Math.min(plan.evalLimit(), data.train().size())).build();
        // plan.pointsPerEpoch() evaluations per epoch, after the minibatches up to each
        TreeSet<Integer> at = new TreeSet<>();
        for (int e = 0; e < plan.epochs(); e++) {
            for (int k = 1; k <= plan.pointsPerEpoch(); k++) {
                int until = (int) Math.ceil((double) k * perEpoch / plan.pointsPerEpoch());
                if (until > 0) {
                    at.add(e * perEpoch + until);
                }
            }
        }
        List<Point> curve = new ArrayList<>();
        curve.add(point(spec, graph, data, trainSlice, plan, 0));
        TrainingLoop.Builder loop = pipelined == null ? TrainingLoop.forModel(spec, graph, Batches.of(train))
                : TrainingLoop.builder(spec.name(), graph, Batches.of(train)).step(pipelined);
        double seconds = loop.iterations(perEpoch * plan.epochs())
                .listener(TrainingListener.at(at.stream().mapToInt(Integer::intValue).toArray(),
                        s -> curve.add(point(spec, s.graph(), data, trainSlice, plan, s.epochs()))))
                .build().run().seconds();
        double acc = Evaluator.evaluate(spec, graph, data.testIterator(layout, Integer.MAX_VALUE)).accuracy();
        LOG.info("{}: test accuracy {} after {} epochs ({} s training)", spec.name(), String.format("%.4f", acc),
                plan.epochs(), String.format("%.1f", seconds));
        return new Run(spec.name(), plan.epochs(), acc, seconds, curve, graph.numParams());
    }

    private static Point point(BidizooModel spec, ComputationGraph graph, DataSplits data,
                               ImageDataSetIterator trainSlice, Plan plan, double epoch) {
        double tr = Evaluator.evaluate(spec, graph, trainSlice).accuracy();
        double te = Evaluator.evaluate(spec, graph, data.testIterator(spec.featureLayout(), plan.evalLimit())).accuracy();
        return new Point(epoch, tr, te);
    }
}
