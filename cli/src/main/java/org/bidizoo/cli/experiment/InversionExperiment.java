package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.semi.SemiSupervisedIterator;
import org.bidizoo.zoo.model.InversionModel;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.EntropyRamp;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 002's semi-supervised experiment: an {@link InversionModel} trained with N labeled training images
 * (balanced, seeded) and every other training image unlabeled, each minibatch mixing both; or, for the
 * supervised baseline (α = 1, β = 0), trained on the N labeled images alone. Tested on the whole test set.
 */
public final class InversionExperiment {
    private static final Logger LOG = LoggerFactory.getLogger(InversionExperiment.class);

    /**
     * @param spec         the model (its α, β decide the losses)
     * @param labels       labeled training images
     * @param epochs       epochs trained (fractional when set by iterations)
     * @param iterations   minibatches trained on
     * @param testAccuracy accuracy on the test set (or its first {@code testLimit} images)
     * @param reconMse     test reconstruction error per pixel of J(x)ᵀ f(x), NaN without the reconstruction loss
     * @param trainSeconds seconds in {@code fit}
     * @param graph        the trained graph
     * @param curve        test accuracy at the checkpoints asked for along the way, then at the end
     * @param confusion    final test counts, row = true class, column = predicted class
     */
    public record Result(InversionModel spec, int labels, double epochs, int iterations, double testAccuracy,
                         double reconMse, double trainSeconds, ComputationGraph graph, List<Checkpoint> curve,
                         long[][] confusion) {
    }

    /**
     * @param iteration    minibatches trained so far
     * @param epochs       epochs trained so far
     * @param testAccuracy accuracy on the same test images as the final one
     */
    public record Checkpoint(int iteration, double epochs, double testAccuracy) {
    }

    private InversionExperiment() {
    }

    /**
     * How one run trains and is measured.
     *
     * @param labels          labeled training images, {@code >= 1}
     * @param iterations      minibatches to train on, {@code >= 1}
     * @param batch           minibatch size, {@code >= 1}
     * @param labeledPerBatch labeled rows per semi-supervised minibatch, in [1, batch)
     * @param seed            seed of the labeled subset and the shuffling
     * @param testLimit       test images to evaluate on (the first ones; all if larger than the test set), {@code >= 1}
     * @param evalEvery       minibatches between test measurements of a semi-supervised run (the curve), {@code 0}:
     *                        only at the end
     * @param ramp            the entropy's schedule ({@link EntropyRamp#NONE}: Eq. 10's constant weight)
     * @param png             where to write test reconstructions (originals above J(x)ᵀ f(x)), or null
     */
    public record Schedule(int labels, int iterations, int batch, int labeledPerBatch, long seed, int testLimit,
                           int evalEvery, EntropyRamp ramp, Path png) {
        /** @throws IllegalArgumentException naming the first bad value */
        public Schedule {
            if (ramp == null) {
                throw new IllegalArgumentException("ramp is required (EntropyRamp.NONE for none), got null");
            }
            if (evalEvery < 0) {
                throw new IllegalArgumentException("evalEvery = " + evalEvery + ", expected >= 0 (0: only at the end)");
            }
            if (iterations < 1 || labels < 1 || batch < 1 || testLimit < 1) {
                throw new IllegalArgumentException("iterations = " + iterations + ", labels = " + labels + ", batch = "
                        + batch + ", testLimit = " + testLimit + ": expected >= 1 each");
            }
        }
    }

    /**
     * Trains {@code spec} with {@code schedule.labels()} labeled training images (α = 1: on them alone; else with
     * every other training image unlabeled, each minibatch mixing both) and tests it.
     *
     * @param spec     the model (its α, β decide the losses)
     * @param data     the dataset
     * @param schedule how to train and measure
     * @return the result
     * @throws IOException if the PNG cannot be written
     */
    public static Result run(InversionModel spec, DataSplits data, Schedule schedule) throws IOException {
        return run(spec, data, schedule, GraphWatch.NONE);
    }

    /**
     * {@link #run(InversionModel, DataSplits, Schedule)}, telling {@code watch} of the graph before training.
     *
     * @param spec     the model
     * @param data     the dataset
     * @param schedule how to train and measure
     * @param watch    told of the fresh graph (e.g. the dashboard)
     * @return the result
     * @throws IOException if the PNG cannot be written
     */
    public static Result run(InversionModel spec, DataSplits data, Schedule schedule, GraphWatch watch)
            throws IOException {
        int numLabeled = schedule.labels();
        int iterations = schedule.iterations();
        int batch = schedule.batch();
        long seed = schedule.seed();
        int testLimit = schedule.testLimit();
        int evalEvery = schedule.evalEvery();
        EntropyRamp ramp = schedule.ramp();
        Path png = schedule.png();
        ComputationGraph g = spec.init();
        watch.training(spec, g);
        List<Checkpoint> curve = new ArrayList<>();
        Batches batches;
        TrainingLoop.Builder loop;
        if (spec.alpha() == 1.0) {
            LabeledImages labeled = data.train().subset(data.train().balancedIndices(numLabeled, seed));
            batches = Batches.of(ImageDataSetIterator.builder(labeled).layout(spec.featureLayout())
                    .batchSize(batch).shuffle(seed).build());
            loop = TrainingLoop.forModel(spec, g, batches);
        } else {
            batches = Batches.of(SemiSupervisedIterator.builder(data.train()).numLabeled(numLabeled).batchSize(batch)
                    .labeledPerBatch(schedule.labeledPerBatch()).layout(spec.featureLayout()).seed(seed).build());
            loop = TrainingLoop.builder(spec + " on " + numLabeled + " labels", g, batches)
                    .batchFactory((m, i) -> spec.trainingBatch(m.getFeatures(0), m.getLabels(0),
                            m.getLabelsMaskArray(0), ramp.factor(i)));
            if (evalEvery > 0) {
                loop.listener(TrainingListener.every(evalEvery, s -> {
                    if (s.iteration() < iterations) {
                        double acc = Evaluator.evaluate(spec, s.graph(), data.testIterator(spec.featureLayout(),
                                testLimit)).accuracy();
                        curve.add(new Checkpoint(s.iteration(), s.epochs(), acc));
                        LOG.info("{}: test accuracy {} after {} iterations", spec, String.format(Locale.ROOT, "%.4f",
                                acc), s.iteration());
                    }
                }));
            }
        }
        double seconds = loop.iterations(iterations).build().run().seconds();
        double epochs = (double) iterations / batches.batchesPerEpoch();
        Evaluation ev = Evaluator.evaluate(spec, g, data.testIterator(spec.featureLayout(), testLimit));
        if (png != null && spec.reconstructs()) {
            ReconstructionFigure.write(spec, g, data.test(), 16, png);
        }
        curve.add(new Checkpoint(iterations, epochs, ev.accuracy()));
        Result r = new Result(spec, numLabeled, epochs, iterations, ev.accuracy(), ev.reconMse(), seconds, g,
                List.copyOf(curve), ev.confusion());
        LOG.info("{}: {} labels, {} iterations ({} epochs): test accuracy {}", spec, numLabeled, iterations,
                String.format(Locale.ROOT, "%.2f", epochs), String.format(Locale.ROOT, "%.4f", ev.accuracy()));
        return r;
    }

    /**
     * @param data            the dataset
     * @param numLabeled      labeled images
     * @param batch           minibatch size
     * @param labeledPerBatch labeled rows per semi-supervised minibatch
     * @param supervisedOnly  whether only the labeled images are trained on
     * @param seed            the subset's seed
     * @return minibatches in one epoch
     */
    public static int batchesPerEpoch(DataSplits data, int numLabeled, int batch, int labeledPerBatch,
                                      boolean supervisedOnly, long seed) {
        if (supervisedOnly) {
            return (int) Math.ceil((double) numLabeled / batch);
        }
        return SemiSupervisedIterator.builder(data.train()).numLabeled(numLabeled).batchSize(batch)
                .labeledPerBatch(labeledPerBatch).seed(seed).build().batchesPerEpoch();
    }
}
