package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.bidizoo.cli.experiment.JsonRows.num;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.signal.SyntheticChirps;
import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.zoo.model.InversionArchitecture;
import org.bidizoo.zoo.model.InversionModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 002's generality experiment on 1-D signals (its Fig. 2, Bird10, is not available): the
 * {@link InversionArchitecture#CNN1D} network trained on a small labeled set of {@link SyntheticChirps}
 * with the supervised loss alone (α = 1, β = 0) or regularized by the inverse's reconstruction loss
 * (α &lt; 1, β &gt; 0), several seeds each, with test accuracy measured along training.
 */
public final class Inversion1dExperiment {
    private static final Logger LOG = LoggerFactory.getLogger(Inversion1dExperiment.class);
    private static final long TRAIN_DATA_SEED = 1;
    private static final long TEST_DATA_SEED = 2;
    /**
     * Back from the stored [0, 1] range to the signal's own units, [−2, 2], zero-mean like the raw audio the
     * paper feeds: the reconstruction J(x)ᵀ f(x) has no bias term, so a constant offset of 0.5 in every sample
     * is costly to reconstruct (measured: with it, the regularized runs stayed at chance).
     */
    private static final DataSetPreProcessor RAW_SIGNAL = ds -> ds.getFeatures().subi(0.5).muli(4.0);

    /**
     * One training run.
     *
     * @param alpha        weight of the cross-entropy
     * @param beta         share of the reconstruction in the unsupervised part
     * @param seed         initialisation and shuffling seed
     * @param epochs       epochs at which the test accuracy was measured
     * @param accuracy     test accuracy at those epochs
     * @param trainSeconds seconds in {@code fit}
     */
    public record Run(double alpha, double beta, long seed, int[] epochs, double[] accuracy, double trainSeconds) {
        /** @return the test accuracy after the last epoch */
        public double finalAccuracy() {
            return accuracy[accuracy.length - 1];
        }

        /** @return the run as {@code reproduce inversion-1d} reports it */
        public Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("alpha", alpha);
            j.put("beta", beta);
            j.put("seed", seed);
            j.put("test_accuracy", finalAccuracy());
            j.put("epochs", epochs);
            j.put("accuracy_curve", accuracy);
            j.put("train_seconds", trainSeconds);
            return j;
        }
    }

    /**
     * The task and the training schedule.
     *
     * @param trainSize labeled training signals
     * @param testSize  test signals
     * @param length    samples per signal
     * @param epochs    epochs per run
     * @param batch     minibatch size
     * @param evalEvery measure the test accuracy every this many epochs (and after the last)
     * @param lr        Adam learning rate
     * @param pool      pooling kind
     */
    public record Setup(int trainSize, int testSize, int length, int epochs, int batch, int evalEvery, double lr,
                        InvertibleStep.Pool pool) {
        /** @throws IllegalArgumentException naming the first bad value */
        public Setup {
            if (trainSize < 10 || testSize < 10) {
                throw new IllegalArgumentException("train " + trainSize + ", test " + testSize + ": expected >= 10 each");
            }
            if (epochs < 1 || batch < 1 || evalEvery < 1) {
                throw new IllegalArgumentException("epochs " + epochs + ", batch " + batch + ", evalEvery " + evalEvery
                        + ": expected >= 1 each");
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("lr = " + lr + ", expected > 0");
            }
        }
    }

    private Inversion1dExperiment() {
    }

    /**
     * @param setup   the task and schedule
     * @param configs (α, β) pairs
     * @param seeds   model seeds 1..seeds for every pair
     * @param cells   where finished runs are kept, one cell per pair and seed (a cell another run finished is taken
     *                as it is)
     * @return the task and one row per pair and seed, pairs outermost ({@link Run#toJson()}); as text, each pair's
     *         mean test accuracy
     * @throws IOException if a cell cannot be stored
     */
    public static Report run(Setup setup, List<double[]> configs, int seeds, CellStore cells) throws IOException {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds = " + seeds + ", expected >= 1");
        }
        LabeledImages train = SyntheticChirps.generate(setup.trainSize(), setup.length(), TRAIN_DATA_SEED);
        LabeledImages test = SyntheticChirps.generate(setup.testSize(), setup.length(), TEST_DATA_SEED);
        List<Map<String, Object>> runs = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "1-D chirps: %d labeled training signals, %d"
                + " test, length %d, %d epochs%n", setup.trainSize(), setup.testSize(), setup.length(), setup.epochs()));
        for (double[] c : configs) {
            double sum = 0;
            StringBuilder each = new StringBuilder();
            for (long seed = 1; seed <= seeds; seed++) {
                long s = seed;
                Map<String, Object> r = cells.cell("alpha " + c[0] + " beta " + c[1] + " seed " + seed,
                        () -> one(setup, c[0], c[1], s, train, test).toJson());
                runs.add(r);
                sum += num(r, "test_accuracy");
                each.append(String.format(Locale.ROOT, " %.2f%%", 100 * num(r, "test_accuracy")));
            }
            text.append(String.format(Locale.ROOT, "alpha %.2f beta %.2f: mean test accuracy %.2f%% (seeds:%s)%n", c[0],
                    c[1], 100 * sum / seeds, each));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("task", "synthetic chirps (10 classes), generated");
        j.put("train", setup.trainSize());
        j.put("test", setup.testSize());
        j.put("length", setup.length());
        j.put("results", runs);
        return new Report(j, text.toString().stripTrailing());
    }

    private static Run one(Setup setup, double alpha, double beta, long seed, LabeledImages train, LabeledImages test) {
        ModelSettings s = ModelSettings.builder().inputShape(1, 1, setup.length()).seed(seed).learningRate(setup.lr())
                .build();
        InversionModel spec = InversionModel.builder(InversionArchitecture.CNN1D).settings(s).pool(setup.pool())
                .alpha(alpha).beta(beta).build();
        ComputationGraph g = spec.init();
        ImageDataSetIterator it = ImageDataSetIterator.builder(train).layout(spec.featureLayout())
                .batchSize(setup.batch()).shuffle(seed).build();
        it.setPreProcessor(RAW_SIGNAL);
        ImageDataSetIterator testIt = ImageDataSetIterator.builder(test).layout(spec.featureLayout()).batchSize(500)
                .build();
        testIt.setPreProcessor(RAW_SIGNAL);
        List<Integer> at = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        int perEpoch = (int) Math.ceil((double) train.size() / setup.batch());
        List<Integer> checkpoints = new ArrayList<>();
        for (int e = 1; e <= setup.epochs(); e++) {
            if (e % setup.evalEvery() == 0 || e == setup.epochs()) {
                checkpoints.add(e * perEpoch);
            }
        }
        it.reset(); // each epoch starts from a reset, the first one too
        double seconds = TrainingLoop.forModel(spec, g, Batches.of(it)).iterations(setup.epochs() * perEpoch)
                .listener(TrainingListener.at(checkpoints.stream().mapToInt(Integer::intValue).toArray(), st -> {
                    at.add(st.iteration() / perEpoch);
                    acc.add(Evaluator.evaluate(spec, st.graph(), testIt).accuracy());
                })).build().run().seconds();
        Run r = new Run(alpha, beta, seed, at.stream().mapToInt(Integer::intValue).toArray(),
                acc.stream().mapToDouble(Double::doubleValue).toArray(), seconds);
        LOG.info("1-D alpha {} beta {} seed {}: test accuracy {}", alpha, beta, seed,
                String.format(Locale.ROOT, "%.4f", r.finalAccuracy()));
        return r;
    }
}
