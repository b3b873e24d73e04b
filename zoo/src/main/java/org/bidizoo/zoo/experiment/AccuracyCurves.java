package org.bidizoo.zoo.experiment;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.progress.ProgressBar;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
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
     * @param spec  the zoo model
     * @param graph its fresh graph (trained in place)
     * @param data  the dataset
     * @param plan  how to train
     * @return the run
     */
    public static Run train(BidizooModel spec, ComputationGraph graph, DataSplits data, Plan plan) {
        FeatureLayout layout = spec.featureLayout();
        ImageDataSetIterator.Builder tb = ImageDataSetIterator.builder(data.train()).layout(layout)
                .batchSize(plan.batch()).shuffle(plan.seed());
        if (plan.trainLimit() < data.train().size()) {
            tb.firstN(plan.trainLimit());
        }
        ImageDataSetIterator train = tb.build();
        int n = Math.min(plan.trainLimit(), data.train().size());
        int perEpoch = (n + plan.batch() - 1) / plan.batch();
        ImageDataSetIterator trainSlice = ImageDataSetIterator.builder(data.train()).layout(layout).batchSize(500)
                .firstN(Math.min(plan.evalLimit(), data.train().size())).build();
        List<Point> curve = new ArrayList<>();
        curve.add(point(spec, graph, data, trainSlice, plan, 0));
        long nanos = 0;
        try (ProgressBar bar = new ProgressBar("train " + spec.name(), (long) perEpoch * plan.epochs(), "it")) {
            for (int e = 0; e < plan.epochs(); e++) {
                train.reset();
                int step = 0;
                while (train.hasNext()) {
                    DataSet ds = train.next();
                    long t0 = System.nanoTime();
                    graph.fit(spec.trainingBatch(ds.getFeatures(), ds.getLabels(), null));
                    nanos += System.nanoTime() - t0;
                    step++;
                    bar.step(1);
                    int k = (int) ((long) step * plan.pointsPerEpoch() / perEpoch);
                    int kPrev = (int) ((long) (step - 1) * plan.pointsPerEpoch() / perEpoch);
                    if (k != kPrev) {
                        curve.add(point(spec, graph, data, trainSlice, plan, e + step / (double) perEpoch));
                    }
                }
            }
        }
        double acc = Evaluator.evaluate(spec, graph, data.testIterator(layout, Integer.MAX_VALUE)).accuracy();
        LOG.info("{}: test accuracy {} after {} epochs ({} s training)", spec.name(), String.format("%.4f", acc),
                plan.epochs(), String.format("%.1f", nanos / 1e9));
        return new Run(spec.name(), plan.epochs(), acc, nanos / 1e9, curve, graph.numParams());
    }

    private static Point point(BidizooModel spec, ComputationGraph graph, DataSplits data,
                               ImageDataSetIterator trainSlice, Plan plan, double epoch) {
        double tr = Evaluator.evaluate(spec, graph, trainSlice).accuracy();
        double te = Evaluator.evaluate(spec, graph, data.testIterator(spec.featureLayout(), plan.evalLimit())).accuracy();
        return new Point(epoch, tr, te);
    }
}
