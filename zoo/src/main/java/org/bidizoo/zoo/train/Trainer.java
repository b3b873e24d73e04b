package org.bidizoo.zoo.train;

import java.util.Arrays;
import java.util.function.BiConsumer;

import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.progress.ProgressBar;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a zoo model with DL4J's ordinary {@code fit}, one minibatch per iteration, cycling through
 * epochs of a shuffled iterator, and calls back at chosen iterations (for evaluations).
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private Trainer() {
    }

    /**
     * @param spec        the zoo model
     * @param graph       its graph (trained in place)
     * @param train       training data in the model's layout
     * @param iterations  minibatches to train on, {@code >= 1}
     * @param checkpoints iterations after which to call {@code atCheckpoint} (sorted or not; each <= iterations)
     * @param atCheckpoint called with (iteration, graph)
     * @return seconds spent in training steps (checkpoint callbacks excluded)
     */
    public static double train(BidizooModel spec, ComputationGraph graph, ImageDataSetIterator train, int iterations,
                               int[] checkpoints, BiConsumer<Integer, ComputationGraph> atCheckpoint) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + ", expected >= 1");
        }
        int[] cps = checkpoints == null ? new int[0] : checkpoints.clone();
        Arrays.sort(cps);
        for (int c : cps) {
            if (c < 1 || c > iterations) {
                throw new IllegalArgumentException("checkpoint " + c + " is outside [1, " + iterations + "]");
            }
        }
        long nanos = 0;
        int next = 0;
        try (ProgressBar bar = new ProgressBar("train " + spec, iterations, "it")) {
            for (int it = 1; it <= iterations; it++) {
                if (!train.hasNext()) {
                    train.reset();
                }
                DataSet ds = train.next();
                long t0 = System.nanoTime();
                graph.fit(spec.trainingBatch(ds.getFeatures(), ds.getLabels(), null));
                nanos += System.nanoTime() - t0;
                bar.step(1);
                while (next < cps.length && cps[next] == it) {
                    atCheckpoint.accept(it, graph);
                    next++;
                }
            }
        }
        double secs = nanos / 1e9;
        LOG.info("{}: {} iterations in {} s ({} samples/s)", spec, iterations, String.format("%.1f", secs),
                String.format("%.0f", iterations * (double) train.batch() / secs));
        return secs;
    }
}
