package org.bidizoo.cli.experiment;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 004's autoencoders beside Lmser on seed 000's Table 1 protocol: each model trained once (batch 50, Adam with
 * the same rate and decay) up to the largest τ, with the test reconstruction MSE per pixel on the clean test images
 * at every τ; a denoising autoencoder is also measured on test images corrupted as in its training (reconstruction
 * against the clean image).
 */
public final class AutoencoderBaselines {
    /**
     * The models compared by default: Lmser(un), the plain AE (lmser-dense variant ae), the family, and the binary
     * RBM (its mean-field reconstruction E[v | p(h | x)]).
     */
    public static final List<String> DEFAULT_MODELS = List.of("lmser-un", "ae", "ae-l2", "ae-sparse-l1",
            "ae-sparse-kl", "ae-denoising-gaussian", "ae-denoising-salt-pepper", "ae-denoising-masking",
            "ae-contractive", "rbm-binary");

    private static final Logger LOG = LoggerFactory.getLogger(AutoencoderBaselines.class);

    /**
     * @param dataset    mnist or fashion-mnist
     * @param iterations the τ at which to measure
     * @param batch      minibatch size
     * @param lr         Adam learning rate
     * @param lrDecay    learning-rate factor per iteration
     * @param seed       seed of the initialisation, the minibatch order and the corruptions
     */
    public record Options(String dataset, int[] iterations, int batch, double lr, double lrDecay, long seed) {
        /** @throws IllegalArgumentException naming a bad value */
        public Options {
            for (int t : iterations) {
                if (t < 1) {
                    throw new IllegalArgumentException("iterations: " + t + " is not a positive number of iterations");
                }
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch = " + batch + ", expected >= 1");
            }
        }

        /** @return the shared settings of every model of the comparison */
        public ModelSettings settings() {
            return ModelSettings.builder().seed(seed).learningRate(lr).learningRateDecay(lrDecay).build();
        }
    }

    /**
     * One measurement.
     *
     * @param model       the model's report name
     * @param iterations  τ
     * @param reconMse    test MSE per pixel on clean inputs
     * @param denoiseMse  test MSE per pixel of the reconstruction of corrupted inputs against the clean ones (denoising
     *                    autoencoders), or null
     * @param trainSeconds training seconds up to τ (evaluation excluded)
     */
    public record Row(String model, int iterations, double reconMse, Double denoiseMse, double trainSeconds) {
    }

    private AutoencoderBaselines() {
    }

    /**
     * @param name     {@code lmser-<variant>} (seed 000's dense Lmser, e.g. {@code lmser-un}), {@code ae} (the plain
     *                 autoencoder: {@code lmser-dense} variant ae) or a zoo name
     * @param settings shared settings; a model trained by contrastive divergence (RBM) takes only their seed and
     *                 keeps its own optimizer (Nesterov momentum at its own rate: Adam's rate for the autoencoders
     *                 is far too small for CD)
     * @return the model
     */
    public static BidizooModel model(String name, ModelSettings settings) {
        if (ZooRegistry.all().containsKey(name)
                && !ZooRegistry.create(name, null, ModelSettings.builder().build()).pretraining().isEmpty()) {
            return ZooRegistry.create(name, null, ModelSettings.builder().seed(settings.seed())
                    .dataType(settings.dataType()).build());
        }
        if (name.equals("ae") || name.startsWith("lmser-") && !ZooRegistry.all().containsKey(name)) {
            return ZooRegistry.create("lmser-dense", LmserVariant.byName(name.equals("ae") ? "ae" : name), settings);
        }
        return ZooRegistry.create(name, null, settings);
    }

    /**
     * Trains one model and measures it at each τ.
     *
     * @param name a model name (see {@link #model})
     * @param o    the options
     * @param data the dataset
     * @return one row per τ
     */
    public static List<Row> run(String name, Options o, DataSplits data) {
        BidizooModel m = model(name, o.settings());
        ComputationGraph g = m.init();
        int max = 0;
        for (int t : o.iterations()) {
            max = Math.max(max, t);
        }
        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        long[] evalNanos = {0};
        TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(m.featureLayout(), o.batch(), o.seed())))
                .iterations(max).listener(TrainingListener.at(o.iterations(), s -> {
                    long e0 = System.nanoTime();
                    double mse = Evaluator.evaluate(m, s.graph(), data.testIterator(m.featureLayout(), Integer.MAX_VALUE))
                            .reconMse();
                    Double denoise = m instanceof AutoencoderModel ae && ae.corruption() != null
                            ? denoiseMse(ae, s.graph(), data.testIterator(m.featureLayout(), Integer.MAX_VALUE), o.seed())
                            : null;
                    double secs = (e0 - start - evalNanos[0]) / 1e9;
                    rows.add(new Row(name, s.iteration(), mse, denoise, secs));
                    LOG.info("{} at {} iterations: test MSE {}{}", name, s.iteration(), String.format("%.5f", mse),
                            denoise == null ? "" : String.format(", denoising MSE %.5f", denoise));
                    evalNanos[0] += System.nanoTime() - e0;
                })).build().run();
        return rows;
    }

    /**
     * @param m    a denoising autoencoder
     * @param g    its graph
     * @param test the test images
     * @param seed seed of the test corruption (each minibatch k is corrupted with iteration {@code -1 - k})
     * @return MSE per pixel of the reconstructions of the corrupted test images against the clean ones
     */
    public static double denoiseMse(AutoencoderModel m, ComputationGraph g, ImageDataSetIterator test, long seed) {
        test.reset();
        double se = 0;
        long n = 0;
        int k = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            INDArray x = ds.getFeatures();
            INDArray noisy = m.corruption().apply(x, seed, -1 - k++);
            INDArray out = m.outputs(g, noisy)[m.reconstructionOutput()].castTo(DataType.DOUBLE);
            INDArray d = out.reshape(x.size(0), x.length() / x.size(0)).subi(x.castTo(DataType.DOUBLE)
                    .reshape(x.size(0), x.length() / x.size(0)));
            se += d.muli(d).sumNumber().doubleValue();
            n += x.length();
        }
        return se / n;
    }
}
