package org.bidizoo.zoo.experiment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.progress.ProgressBar;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.layers.associated.PipelinedTrainer;
import org.bidizoo.zoo.model.AssociatedZooModel;
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
     * Trains with the ordinary {@code fit}, one minibatch at a time.
     *
     * @param spec  the zoo model
     * @param graph its fresh graph (trained in place)
     * @param data  the dataset
     * @param plan  how to train
     * @return the run
     */
    public static Run train(BidizooModel spec, ComputationGraph graph, DataSplits data, Plan plan) {
        return train(spec, graph, data, plan, batches -> {
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                graph.fit(spec.trainingBatch(ds.getFeatures(), ds.getLabels(), null));
            }
        });
    }

    /**
     * Trains an Associated Learning model with its blocks on {@code stages} threads
     * ({@link PipelinedTrainer}); the graph holds the trained parameters at every checkpoint.
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
        AssociatedNetwork net = spec.network(graph);
        if (stages < 1 || stages > net.numBlocks()) {
            throw new IllegalArgumentException("stages = " + stages + ": expected 1.." + net.numBlocks() + " (the "
                    + spec.name() + " model has " + net.numBlocks() + " blocks)");
        }
        try (PipelinedTrainer trainer = new PipelinedTrainer(net, stages)) {
            return train(spec, graph, data, plan, trainer::fit);
        }
    }

    /**
     * @param spec   the zoo model
     * @param graph  its fresh graph (trained in place)
     * @param data   the dataset
     * @param plan   how to train
     * @param fitter trains on the minibatches between two checkpoints (the whole of what it is given)
     * @return the run
     */
    public static Run train(BidizooModel spec, ComputationGraph graph, DataSplits data, Plan plan, Fitter fitter) {
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
                int done = 0;
                for (int k = 1; k <= plan.pointsPerEpoch(); k++) {
                    // minibatches up to the k-th checkpoint of this epoch
                    int until = (int) Math.ceil((double) k * perEpoch / plan.pointsPerEpoch());
                    Stretch stretch = new Stretch(train, until - done, bar);
                    long t0 = System.nanoTime();
                    fitter.fit(stretch);
                    nanos += System.nanoTime() - t0;
                    done += stretch.taken;
                    if (stretch.taken > 0) {
                        curve.add(point(spec, graph, data, trainSlice, plan, e + done / (double) perEpoch));
                    }
                }
            }
        }
        double acc = Evaluator.evaluate(spec, graph, data.testIterator(layout, Integer.MAX_VALUE)).accuracy();
        LOG.info("{}: test accuracy {} after {} epochs ({} s training)", spec.name(), String.format("%.4f", acc),
                plan.epochs(), String.format("%.1f", nanos / 1e9));
        return new Run(spec.name(), plan.epochs(), acc, nanos / 1e9, curve, graph.numParams());
    }

    /** Trains on minibatches of features and one-hot labels. */
    @FunctionalInterface
    public interface Fitter {
        /** @param batches every minibatch to train on now, in order */
        void fit(Iterator<DataSet> batches);
    }

    /** At most {@code limit} minibatches of the epoch's iterator, ticking the progress bar. */
    private static final class Stretch implements Iterator<DataSet> {
        private final Iterator<DataSet> source;
        private final int limit;
        private final ProgressBar bar;
        private int taken;

        Stretch(Iterator<DataSet> source, int limit, ProgressBar bar) {
            this.source = source;
            this.limit = limit;
            this.bar = bar;
        }

        @Override
        public boolean hasNext() {
            return taken < limit && source.hasNext();
        }

        @Override
        public DataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException("stretch of " + limit + " minibatches is done");
            }
            taken++;
            bar.step(1);
            return source.next();
        }
    }

    private static Point point(BidizooModel spec, ComputationGraph graph, DataSplits data,
                               ImageDataSetIterator trainSlice, Plan plan, double epoch) {
        double tr = Evaluator.evaluate(spec, graph, trainSlice).accuracy();
        double te = Evaluator.evaluate(spec, graph, data.testIterator(spec.featureLayout(), plan.evalLimit())).accuracy();
        return new Point(epoch, tr, te);
    }
}
