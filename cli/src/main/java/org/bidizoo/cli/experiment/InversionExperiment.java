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
     * @param spec            the model
     * @param data            the dataset
     * @param numLabeled      labeled training images
     * @param iterations      minibatches to train on, {@code >= 1}
     * @param batch           minibatch size
     * @param labeledPerBatch labeled rows per semi-supervised minibatch, in [1, batch)
     * @param seed            seed of the labeled subset and the shuffling
     * @param testLimit       test images to evaluate on (the first ones; all if larger than the test set)
     * @param png             where to write test reconstructions (originals above J(x)ᵀ f(x)), or null
     * @return the result
     * @throws IOException if the PNG cannot be written
     */
    public static Result run(InversionModel spec, DataSplits data, int numLabeled, int iterations, int batch,
                             int labeledPerBatch, long seed, int testLimit, Path png) throws IOException {
        return run(spec, data, numLabeled, iterations, batch, labeledPerBatch, seed, testLimit, png, 0);
    }

    /**
     * As {@link #run(InversionModel, DataSplits, int, int, int, int, long, int, Path)}, also evaluating the
     * test accuracy every {@code evalEvery} minibatches of semi-supervised training (the curve).
     *
     * @param spec            the model
     * @param data            the dataset
     * @param numLabeled      labeled training images
     * @param iterations      minibatches to train on, {@code >= 1}
     * @param batch           minibatch size
     * @param labeledPerBatch labeled rows per semi-supervised minibatch, in [1, batch)
     * @param seed            seed of the labeled subset and the shuffling
     * @param testLimit       test images to evaluate on
     * @param png             where to write test reconstructions, or null
     * @param evalEvery       minibatches between checkpoints, {@code 0}: none
     * @return the result
     * @throws IOException if the PNG cannot be written
     */
    public static Result run(InversionModel spec, DataSplits data, int numLabeled, int iterations, int batch,
                             int labeledPerBatch, long seed, int testLimit, Path png, int evalEvery)
            throws IOException {
        return run(spec, data, numLabeled, iterations, batch, labeledPerBatch, seed, testLimit, png, evalEvery,
                EntropyRamp.NONE);
    }

    /**
     * As {@link #run(InversionModel, DataSplits, int, int, int, int, long, int, Path, int)}, with the entropy's
     * weight following {@code ramp} over the semi-supervised minibatches (Eq. 13).
     *
     * @param spec            the model
     * @param data            the dataset
     * @param numLabeled      labeled training images
     * @param iterations      minibatches to train on, {@code >= 1}
     * @param batch           minibatch size
     * @param labeledPerBatch labeled rows per semi-supervised minibatch, in [1, batch)
     * @param seed            seed of the labeled subset and the shuffling
     * @param testLimit       test images to evaluate on
     * @param png             where to write test reconstructions, or null
     * @param evalEvery       minibatches between checkpoints, {@code 0}: none
     * @param ramp            the entropy's schedule ({@link EntropyRamp#NONE}: Eq. 10's constant weight)
     * @return the result
     * @throws IOException if the PNG cannot be written
     */
    public static Result run(InversionModel spec, DataSplits data, int numLabeled, int iterations, int batch,
                             int labeledPerBatch, long seed, int testLimit, Path png, int evalEvery, EntropyRamp ramp)
            throws IOException {
        if (ramp == null) {
            throw new IllegalArgumentException("ramp is required (EntropyRamp.NONE for none), got null");
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("evalEvery = " + evalEvery + ", expected >= 0 (0: no checkpoints)");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + ", expected >= 1");
        }
        ComputationGraph g = spec.init();
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
                    .labeledPerBatch(labeledPerBatch).layout(spec.featureLayout()).seed(seed).build());
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
