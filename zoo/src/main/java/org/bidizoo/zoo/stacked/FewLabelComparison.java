package org.bidizoo.zoo.stacked;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.layers.lmser.LmserOutput;
import org.bidizoo.zoo.finetune.LmserClassifier;
import org.bidizoo.zoo.model.AutoencoderCorruption;
import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 004's pretraining pipeline measured on few labels: the encoder 784-128-64 tanh with a softmax output,
 * fine-tuned (everything trains) on a balanced labeled subset, starting from a random initialisation, from a
 * greedily pretrained stacked autoencoder, stacked denoising or stacked contractive autoencoder
 * ({@link StackedAutoencoder}), or from
 * the bottom-up weights of an Lmser(un) of the same levels trained as long (as many minibatches as the stack's levels
 * together). Every start gets the same classifier ({@link LmserClassifier}, code features, no extra hidden layer),
 * the same labeled subsets and the same fine-tuning budget; accuracy is on the whole test set.
 */
public final class FewLabelComparison {
    /** The starts compared. */
    public static final List<String> STARTS = List.of("random", "stacked-ae", "stacked-dae", "stacked-cae", "lmser");
    /** λ of the stacked contractive autoencoder's levels ({@code ae-contractive}'s). */
    public static final double CONTRACTION = 0.01;

    private static final Logger LOG = LoggerFactory.getLogger(FewLabelComparison.class);

    /**
     * @param levels             encoder levels (the seed's 128, 64)
     * @param pretrainIterations minibatches per stacked level (Lmser gets levels × this)
     * @param pretrainBatch      pretraining minibatch size
     * @param finetuneIterations fine-tuning minibatches
     * @param finetuneBatch      fine-tuning minibatch size
     * @param lr                 Adam learning rate, pretraining and fine-tuning
     * @param masking            masking fraction of the stacked denoising autoencoder
     * @param seed               seed of initialisations and orders; label set s uses {@code seed + s}
     */
    public record Options(int[] levels, int pretrainIterations, int pretrainBatch, int finetuneIterations,
                          int finetuneBatch, double lr, double masking, long seed) {
        /** @throws IllegalArgumentException naming a bad value */
        public Options {
            if (pretrainIterations < 1 || pretrainBatch < 1 || finetuneIterations < 1 || finetuneBatch < 1) {
                throw new IllegalArgumentException("iterations and batch sizes must be >= 1, got pretrain "
                        + pretrainIterations + " x " + pretrainBatch + ", fine-tune " + finetuneIterations + " x "
                        + finetuneBatch);
            }
        }

        ModelSettings settings() {
            return ModelSettings.builder().seed(seed).learningRate(lr).build();
        }
    }

    /**
     * One fine-tuned classifier.
     *
     * @param start        random, stacked-ae, stacked-dae or lmser
     * @param labels       labeled training images
     * @param labelSet     which of the seeded label sets
     * @param testAccuracy accuracy on the test set
     */
    public record Row(String start, int labels, int labelSet, double testAccuracy) {
    }

    private FewLabelComparison() {
    }

    /**
     * Pretrains the encoders of the given starts (random needs none).
     *
     * @param o      the options
     * @param data   the dataset
     * @param starts which starts
     * @return the start graphs, each holding one Lmser layer with the encoder's levels
     */
    public static Map<String, ComputationGraph> pretrain(Options o, DataSplits data, List<String> starts) {
        Map<String, ComputationGraph> out = new LinkedHashMap<>();
        ModelSettings s = o.settings();
        for (String start : starts) {
            switch (start) {
                case "random" -> out.put(start, new StackedAutoencoder(o.levels(), 1, 1, s, null).stack().init());
                case "stacked-ae" -> out.put(start, new StackedAutoencoder(o.levels(), o.pretrainIterations(),
                        o.pretrainBatch(), s, null).pretrain(data));
                case "stacked-dae" -> out.put(start, new StackedAutoencoder(o.levels(), o.pretrainIterations(),
                        o.pretrainBatch(), s, new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING, o.masking()))
                        .pretrain(data));
                case "stacked-cae" -> out.put(start, new StackedAutoencoder(o.levels(), o.pretrainIterations(),
                        o.pretrainBatch(), s, null, CONTRACTION).pretrain(data));
                case "lmser" -> {
                    LmserDense m = new LmserDense(s, LmserVariant.UN, true, o.levels()).withActivation(Activation.TANH);
                    ComputationGraph g = m.init();
                    TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(FeatureLayout.FLAT, o.pretrainBatch(),
                            o.seed()))).iterations(o.pretrainIterations() * o.levels().length).build().run();
                    out.put(start, g);
                }
                default -> throw new IllegalArgumentException("start: unknown '" + start + "'; expected one of "
                        + STARTS);
            }
        }
        return out;
    }

    /**
     * Fine-tunes a classifier from one start on one label set.
     *
     * @param start    the start's graph (left untouched)
     * @param name     the start's name
     * @param o        the options
     * @param data     the dataset
     * @param labels   labeled training images, balanced over classes
     * @param labelSet which label set ({@code seed + labelSet} draws it)
     * @return the result
     */
    public static Row finetune(ComputationGraph start, String name, Options o, DataSplits data, int labels,
                               int labelSet) {
        long setSeed = o.seed() + labelSet;
        LabeledImages labeled = data.train().subset(data.train().balancedIndices(labels, setSeed));
        ComputationGraph g = LmserClassifier.builder().features(LmserOutput.CODE).hidden(0).freezeEncoder(false)
                .updater(new Adam(o.lr())).seed(setSeed).build().build(start);
        ImageDataSetIterator it = ImageDataSetIterator.builder(labeled).layout(FeatureLayout.FLAT)
                .batchSize(Math.min(o.finetuneBatch(), labels)).shuffle(setSeed).build();
        TrainingLoop.builder(name + " on " + labels + " labels (set " + labelSet + ")", g, Batches.of(it))
                .iterations(o.finetuneIterations()).progress(false).build().run();
        Evaluation ev = g.evaluate(data.testIterator(FeatureLayout.FLAT, Integer.MAX_VALUE));
        LOG.info("{} on {} labels, set {}: test accuracy {}", name, labels, labelSet,
                String.format(Locale.ROOT, "%.4f", ev.accuracy()));
        return new Row(name, labels, labelSet, ev.accuracy());
    }

    /**
     * The whole comparison.
     *
     * @param o         the options
     * @param data      the dataset
     * @param labels    labeled-subset sizes, e.g. 100 and 1000
     * @param labelSets label sets per size
     * @return one row per start, size and set
     */
    public static List<Row> run(Options o, DataSplits data, int[] labels, int labelSets) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ComputationGraph> e : pretrain(o, data, STARTS).entrySet()) {
            for (int n : labels) {
                for (int set = 0; set < labelSets; set++) {
                    rows.add(finetune(e.getValue(), e.getKey(), o, data, n, set));
                }
            }
        }
        return rows;
    }
}
