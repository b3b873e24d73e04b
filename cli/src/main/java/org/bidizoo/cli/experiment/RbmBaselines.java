package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.rbm.AnnealedImportanceSampling;
import org.bidizoo.layers.rbm.DeepBeliefNet;
import org.bidizoo.layers.rbm.Rbm;
import org.bidizoo.layers.rbm.RbmLayerImpl;
import org.bidizoo.layers.rbm.RbmLikelihood;
import org.bidizoo.zoo.model.DbnModel;
import org.bidizoo.zoo.model.RbmModel;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.PretrainStep;
import org.bidizoo.zoo.train.TrainingStep;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 004's RBM baselines on real data, on the budget of seed 000's Table 1 (batch 50, measured at given
 * iteration counts on all test images): the test reconstruction MSE per pixel of an RBM's mean-field
 * reconstruction, the exact test log-likelihood of a small binary RBM (log Z by enumeration) under CD-k or PCD,
 * and PNGs of filters and samples.
 */
public final class RbmBaselines {
    private static final Logger LOG = LoggerFactory.getLogger(RbmBaselines.class);

    private RbmBaselines() {
    }

    /**
     * One measurement of a reconstruction run.
     *
     * @param iterations minibatches trained
     * @param reconMse   test MSE per pixel of E[v | p(h | x)]
     * @param seconds    training seconds up to here (evaluation excluded)
     */
    public record ReconRow(int iterations, double reconMse, double seconds) {
    }

    /**
     * One measurement of a likelihood run (binarized data).
     *
     * @param iterations minibatches trained
     * @param logLikelihood mean exact test log-likelihood, nats
     * @param logZ       log Z
     * @param pseudoLogLikelihood mean test pseudo-log-likelihood over the first examples, nats
     * @param reconMse   test MSE per pixel of the mean-field reconstruction (binarized test images)
     * @param seconds    training seconds up to here
     */
    public record LikelihoodRow(int iterations, double logLikelihood, double logZ, double pseudoLogLikelihood,
                                double reconMse, double seconds) {
    }

    /**
     * Trains an RBM zoo model on the training images as they are (greyscale in [0, 1]) and measures the test
     * reconstruction error at each iteration count; writes reconstructions, filters and Gibbs samples at the last.
     *
     * @param data       the dataset
     * @param m          the model
     * @param batch      minibatch size
     * @param seed       shuffling seed
     * @param iterations when to measure
     * @param pngDir     where the PNGs go (names start with the model's name)
     * @return one row per iteration count
     * @throws IOException if a PNG cannot be written
     */
    public static List<ReconRow> reconstruction(DataSplits data, RbmModel m, int batch, long seed, int[] iterations,
                                                Path pngDir) throws IOException {
        ComputationGraph g = m.init();
        List<ReconRow> rows = new ArrayList<>();
        long[] evalNanos = {0};
        long start = System.nanoTime();
        TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(FeatureLayout.FLAT, batch, seed)))
                .iterations(max(iterations)).listener(TrainingListener.at(iterations, s -> {
                    long e0 = System.nanoTime();
                    double mse = Evaluator.evaluate(m, s.graph(), data.testIterator(FeatureLayout.FLAT,
                            Integer.MAX_VALUE)).reconMse();
                    rows.add(new ReconRow(s.iteration(), mse, (e0 - start - evalNanos[0]) / 1e9));
                    LOG.info("{} ({} hidden) at {} iterations: test MSE {}", m.name(), m.hidden(), s.iteration(),
                            String.format("%.5f", mse));
                    evalNanos[0] += System.nanoTime() - e0;
                })).build().run();
        String prefix = m.name() + "-h" + m.hidden();
        ReconstructionFigure.write(m, g, data.test(), 16, pngDir.resolve(prefix + "-reconstructions.png"));
        writeFilters(((RbmLayerImpl) g.getLayer(RbmModel.LAYER)).rbm(), pngDir.resolve(prefix + "-filters.png"));
        INDArray samples = DeepBeliefNet.sample(List.of((RbmLayerImpl) g.getLayer(RbmModel.LAYER)),
                firstImages(data.test(), 16), 16, 1000);
        ImageGrid.write(pngDir.resolve(prefix + "-samples.png"), List.of(firstImages(data.test(), 16), samples), 1, 28,
                28, 2);
        return rows;
    }

    /**
     * Trains a binary RBM zoo model on binarized training images (pixel &gt; 0.5) and measures the exact mean
     * log-likelihood of the binarized test images before training and at each iteration count.
     *
     * @param data        the dataset
     * @param m           a binary RBM with at most {@value RbmLikelihood#MAX_EXACT_HIDDEN} hidden units
     * @param batch       minibatch size
     * @param seed        shuffling seed
     * @param iterations  when to measure
     * @param pllExamples test examples for the pseudo-log-likelihood (it costs one pass per pixel)
     * @return one row for 0 iterations and one per iteration count
     */
    public static List<LikelihoodRow> likelihood(DataSplits data, RbmModel m, int batch, long seed, int[] iterations,
                                                 int pllExamples) {
        ComputationGraph g = m.init();
        INDArray test = binarized(allImages(data.test()));
        RbmLayerImpl layer = (RbmLayerImpl) g.getLayer(RbmModel.LAYER);
        List<LikelihoodRow> rows = new ArrayList<>();
        rows.add(measure(layer.rbm(), test, pllExamples, 0, 0));
        long[] evalNanos = {0};
        long start = System.nanoTime();
        TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(FeatureLayout.FLAT, batch, seed)))
                .batchFactory((raw, i) -> m.trainingBatch(binarized(raw.getFeatures(0)), raw.getLabels(0), null))
                .iterations(max(iterations)).listener(TrainingListener.at(iterations, s -> {
                    long e0 = System.nanoTime();
                    rows.add(measure(layer.rbm(), test, pllExamples, s.iteration(),
                            (e0 - start - evalNanos[0]) / 1e9));
                    evalNanos[0] += System.nanoTime() - e0;
                })).build().run();
        return rows;
    }

    /**
     * One AIS measurement of a binary RBM trained on stochastically binarized images.
     *
     * @param iterations     minibatches trained
     * @param steps          AIS intermediate distributions K
     * @param logZ           AIS estimate of log Z
     * @param logZLower      log(Ẑ − 3σ̂) (−∞ when the interval reaches 0)
     * @param logZUpper      log(Ẑ + 3σ̂)
     * @param logZBase       log Z of the base-rate model
     * @param logWeightStd   sample standard deviation of the runs' log-weights
     * @param testLogProb    mean test log p(v) = −F(v) − log Ẑ, nats
     * @param trainLogProb   the same on the first (at most) 10,000 training images
     * @param trainSeconds   training seconds
     * @param aisSeconds     AIS seconds
     */
    public record AisRow(int iterations, int steps, double logZ, double logZLower, double logZUpper, double logZBase,
                         double logWeightStd, double testLogProb, double trainLogProb, double trainSeconds,
                         double aisSeconds) {
        /** @return the test log-probability at the upper end of the log Z interval (the lower end of its own) */
        public double testLogProbLower() {
            return testLogProb + logZ - logZUpper;
        }

        /** @return the test log-probability at the lower end of the log Z interval (+∞ if that is −∞) */
        public double testLogProbUpper() {
            return testLogProb + logZ - logZLower;
        }
    }

    /**
     * Salakhutdinov and Murray's measurement: trains a binary RBM zoo model by CD-k on stochastically binarized
     * training images (each minibatch drawn afresh: pixel = 1 with probability its intensity), then estimates log Z
     * by annealed importance sampling from a base-rate model fitted to one binarized draw of all training images
     * (once per sampler, e.g. with several numbers of intermediate distributions), and reports the mean
     * log-probability of one fixed binarized draw of the test images.
     *
     * @param data       the dataset
     * @param m          a binary RBM
     * @param batch      minibatch size
     * @param seed       shuffling, binarization and AIS seed
     * @param iterations CD minibatches
     * @param samplers   the AIS samplers, each run on the trained RBM
     * @return one measurement per sampler
     */
    public static List<AisRow> aisLikelihood(DataSplits data, RbmModel m, int batch, long seed, int iterations,
                                             List<AnnealedImportanceSampling> samplers) {
        Nd4j.getRandom().setSeed(seed + 1);
        INDArray test = stochasticallyBinarized(allImages(data.test()));
        INDArray train = stochasticallyBinarized(allImages(data.train()));
        ComputationGraph g = m.init();
        RbmLayerImpl layer = (RbmLayerImpl) g.getLayer(RbmModel.LAYER);
        long t0 = System.nanoTime();
        TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(FeatureLayout.FLAT, batch, seed)))
                .batchFactory((raw, i) -> m.trainingBatch(stochasticallyBinarized(raw.getFeatures(0)),
                        raw.getLabels(0), null))
                .iterations(iterations).build().run();
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Rbm rbm = layer.rbm();
        INDArray base = AnnealedImportanceSampling.baseRateBias(train, AnnealedImportanceSampling.DEFAULT_SMOOTHING);
        INDArray trainPart = train.get(NDArrayIndex.interval(0, Math.min(10_000, train.size(0))), NDArrayIndex.all());
        List<AisRow> rows = new ArrayList<>();
        for (AnnealedImportanceSampling ais : samplers) {
            long t1 = System.nanoTime();
            AnnealedImportanceSampling.Estimate e = ais.estimate(rbm, base);
            double aisSeconds = (System.nanoTime() - t1) / 1e9;
            double testLp = RbmLikelihood.meanLogLikelihood(rbm, test, e.logZ());
            double trainLp = RbmLikelihood.meanLogLikelihood(rbm, trainPart, e.logZ());
            LOG.info("{} ({} hidden) after {} iterations, AIS with {} steps: log Z {} [{}, {}] (base {}), test log p {}"
                            + " nats, train log p {} nats; AIS {} s", m.name(), m.hidden(), iterations,
                    ais.intermediate(), String.format("%.2f", e.logZ()), String.format("%.2f", e.logZLower()),
                    String.format("%.2f", e.logZUpper()), String.format("%.2f", e.logZBase()),
                    String.format("%.2f", testLp), String.format("%.2f", trainLp), String.format("%.0f", aisSeconds));
            rows.add(new AisRow(iterations, ais.intermediate(), e.logZ(), e.logZLower(), e.logZUpper(), e.logZBase(),
                    e.logWeightStd(), testLp, trainLp, trainSeconds, aisSeconds));
        }
        return rows;
    }

    /** Each pixel 1 with probability its intensity (ND4J's global generator). */
    private static INDArray stochasticallyBinarized(INDArray x) {
        return x.gt(Nd4j.rand(x.dataType(), x.shape())).castTo(x.dataType());
    }

    private static LikelihoodRow measure(Rbm rbm, INDArray test, int pllExamples, int it, double secs) {
        double logZ = RbmLikelihood.logPartition(rbm);
        double ll = RbmLikelihood.meanLogLikelihood(rbm, test, logZ);
        int n = (int) Math.min(pllExamples, test.size(0));
        double pll = RbmLikelihood.meanPseudoLogLikelihood(rbm, test.get(NDArrayIndex.interval(0, n),
                NDArrayIndex.all()));
        INDArray v = test.castTo(rbm.weights().dataType());
        INDArray d = rbm.visibleMean(rbm.hiddenMean(v)).subi(v);
        double mse = d.muli(d).meanNumber().doubleValue();
        LOG.info("at {} iterations: exact test log-likelihood {} nats (log Z {}), PLL {}, recon MSE {}", it,
                String.format("%.2f", ll), String.format("%.2f", logZ), String.format("%.2f", pll),
                String.format("%.5f", mse));
        return new LikelihoodRow(it, ll, logZ, pll, mse, secs);
    }

    /**
     * Greedy layer-wise pretraining of a DBN on all training images (labels unused), bottom up, as its
     * {@link DbnModel#pretraining()} says.
     *
     * @param data  the dataset
     * @param spec  the DBN
     * @param batch minibatch size
     * @param seed  shuffling seed
     * @return the pretrained graph (its softmax layer untrained)
     */
    public static ComputationGraph pretrainDbn(DataSplits data, DbnModel spec, int batch, long seed) {
        ComputationGraph g = spec.init();
        int total = spec.pretraining().stream().mapToInt(p -> p.iterations()).sum();
        TrainingLoop.builder("dbn pretraining", g, Batches.of(data.trainIterator(FeatureLayout.FLAT, batch, seed)))
                .batchFactory((raw, i) -> spec.trainingBatch(raw.getFeatures(0), raw.getLabels(0), null))
                .step(new PretrainStep(spec.pretraining())).iterations(total).build().run();
        return g;
    }

    /**
     * Fine-tunes a DBN graph (pretrained, or freshly initialised for the baseline) as a classifier on a balanced
     * subset of labeled training images and measures its test accuracy.
     *
     * @param data       the dataset
     * @param spec       the DBN
     * @param g          its graph (trained in place)
     * @param labels     labeled training images, balanced over the classes
     * @param batch      minibatch size (at most the number of labels)
     * @param seed       seed of the labeled subset and its shuffling
     * @param iterations fine-tuning minibatches
     * @return test accuracy on all test images
     */
    public static double fineTuneDbn(DataSplits data, DbnModel spec, ComputationGraph g, int labels, int batch,
                                     long seed, int iterations) {
        return fineTuneDbn(data, spec, g, labels, batch, seed, iterations, null);
    }

    /**
     * {@link #fineTuneDbn} with another optimizer for the fine-tuning (DL4J's {@code TransferLearning} fine-tune
     * configuration: every layer's updater replaced, the weights kept).
     *
     * @param updater the fine-tuning optimizer, or null for the DBN's own (Nesterov momentum)
     * @return test accuracy on all test images
     */
    public static double fineTuneDbn(DataSplits data, DbnModel spec, ComputationGraph g, int labels, int batch,
                                     long seed, int iterations, IUpdater updater) {
        LabeledImages labeled = data.train().subset(data.train().balancedIndices(labels, seed));
        ImageDataSetIterator it = ImageDataSetIterator.builder(labeled).layout(FeatureLayout.FLAT)
                .batchSize(Math.min(batch, labels)).shuffle(seed).build();
        ComputationGraph tuned = updater == null ? g : new TransferLearning.GraphBuilder(g)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).seed(seed).build()).build();
        TrainingLoop.builder("dbn fine-tuning on " + labels + " labels", tuned, Batches.of(it))
                .batchFactory((raw, i) -> spec.trainingBatch(raw.getFeatures(0), raw.getLabels(0), null))
                .step(TrainingStep.FIT).iterations(iterations).progress(updater == null).build().run();
        double acc = Evaluator.evaluate(spec, tuned, data.testIterator(FeatureLayout.FLAT, Integer.MAX_VALUE))
                .accuracy();
        LOG.info("dbn fine-tuned on {} labels: test accuracy {}", labels, String.format("%.4f", acc));
        return acc;
    }

    /**
     * Re-initialises the RBM layers' weights by Xavier's rule, N(0, 2 / (nIn + nOut)): the same classifier as a DBN
     * from a random init that plain backprop can train (the DBN's own N(0, 0.01) suits RBM training, not a deep
     * sigmoid net trained from scratch).
     *
     * @param g      a DBN graph
     * @param layers its RBM layers
     */
    public static void xavier(ComputationGraph g, List<String> layers) {
        for (RbmLayerImpl l : DeepBeliefNet.layers(g, layers)) {
            INDArray w = l.rbm().weights();
            w.assign(org.nd4j.linalg.factory.Nd4j.randn(w.dataType(), w.shape())
                    .muli(Math.sqrt(2.0 / (w.size(0) + w.size(1)))));
        }
    }

    /**
     * Draws DBN samples (Gibbs in the top RBM from the up-pass of test images, then the down-pass) and the bottom
     * RBM's filters as PNGs.
     *
     * @param spec   the DBN model
     * @param g      its trained graph
     * @param test   test images
     * @param steps  Gibbs steps at the top
     * @param pngDir where {@code dbn-samples.png} and {@code dbn-filters.png} go
     * @throws IOException if a PNG cannot be written
     */
    public static void dbnFigures(DbnModel spec, ComputationGraph g, LabeledImages test, int steps, Path pngDir)
            throws IOException {
        List<RbmLayerImpl> rbms = DeepBeliefNet.layers(g, spec.rbmLayers());
        INDArray start = firstImages(test, 16);
        List<INDArray> rows = new ArrayList<>();
        rows.add(start);
        rows.add(DeepBeliefNet.sample(rbms, start, 16, steps));
        rows.add(DeepBeliefNet.sample(rbms, null, 16, steps));
        ImageGrid.write(pngDir.resolve("dbn-samples.png"), rows, 1, 28, 28, 2);
        writeFilters(rbms.get(0).rbm(), pngDir.resolve("dbn-filters.png"));
    }

    private static void writeFilters(Rbm rbm, Path file) throws IOException {
        INDArray f = DeepBeliefNet.filters(rbm);
        int n = (int) Math.min(100, f.size(0));
        int perRow = 10;
        List<INDArray> rows = new ArrayList<>();
        for (int s = 0; s < n; s += perRow) {
            rows.add(f.get(NDArrayIndex.interval(s, Math.min(n, s + perRow)), NDArrayIndex.all()));
        }
        ImageGrid.write(file, rows, 1, 28, 28, 2);
    }

    private static INDArray firstImages(LabeledImages images, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return images.features(idx, FeatureLayout.FLAT);
    }

    private static INDArray allImages(LabeledImages images) {
        return firstImages(images, images.size());
    }

    private static INDArray binarized(INDArray x) {
        return x.gt(0.5).castTo(x.dataType());
    }

    private static int max(int[] xs) {
        int m = 0;
        for (int x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }
}
