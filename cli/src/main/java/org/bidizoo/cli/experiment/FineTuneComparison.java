package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.zoo.finetune.LmserClassifier;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tuning against training from scratch on few labels: a classifier ({@link LmserClassifier}) on
 * a pretrained Lmser with the encoder frozen ({@link Method#FINETUNE_FROZEN}) or trained along
 * ({@link Method#FINETUNE_ALL}), and the same network from a fresh initialisation ({@link Method#SCRATCH}),
 * each trained on the same balanced, seeded set of labeled training images and tested on the whole
 * test set.
 */
public final class FineTuneComparison {
    private static final Logger LOG = LoggerFactory.getLogger(FineTuneComparison.class);

    /** How the classifier starts and what it trains. */
    public enum Method {
        /** pretrained Lmser, frozen; only the head learns */
        FINETUNE_FROZEN("finetune-frozen"),
        /** pretrained Lmser, trained with the head */
        FINETUNE_ALL("finetune-all"),
        /** the same network from a fresh initialisation, everything trained */
        SCRATCH("scratch");

        private final String cliName;

        Method(String cliName) {
            this.cliName = cliName;
        }

        /** @return the name used on the command line and in JSON */
        public String cliName() {
            return cliName;
        }

        /**
         * @param name a CLI name
         * @return the method
         * @throws IllegalArgumentException naming the value and the known names
         */
        public static Method byName(String name) {
            for (Method m : values()) {
                if (m.cliName.equals(name)) {
                    return m;
                }
            }
            List<String> names = new ArrayList<>();
            for (Method m : values()) {
                names.add(m.cliName);
            }
            throw new IllegalArgumentException("method: unknown '" + name + "'; expected one of " + names);
        }
    }

    /**
     * One trained classifier.
     *
     * @param method         how it started
     * @param labels         labeled training images used
     * @param epochs         passes over them
     * @param iterations     minibatches trained on
     * @param testAccuracy   accuracy on the whole test set
     * @param trainSeconds   seconds in {@code fit}
     * @param trainableParams parameters that learned
     * @param graph          the trained classifier
     */
    public record Result(Method method, int labels, int epochs, int iterations, double testAccuracy,
                         double trainSeconds, long trainableParams, ComputationGraph graph) {
    }

    private FineTuneComparison() {
    }

    /**
     * @param entry      the pretrained Lmser weights
     * @param data       the target dataset
     * @param numLabeled labeled training images, balanced over classes
     * @param epochs     passes over them, {@code >= 1}
     * @param batch      minibatch size, {@code >= 1}
     * @param recipe     the classifier (head, updater, seed); its freeze switch is set per method
     * @param seed       seed of the labeled subset, the shuffling and the scratch initialisation
     * @param methods    what to compare
     * @return one result per method, in the given order
     * @throws IOException if the pretrained weights cannot be had
     */
    public static List<Result> run(PretrainedEntry entry, DataSplits data, int numLabeled, int epochs, int batch,
                                   LmserClassifier.Builder recipe, long seed, List<Method> methods) throws IOException {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ", expected >= 1");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + ", expected >= 1");
        }
        if (entry.variant().isEmpty()) {
            throw new IllegalArgumentException("pretrained " + entry.id() + " is not an Lmser model; fine-tuning takes"
                    + " an lmser-dense or lmser-conv entry");
        }
        BidizooModel spec = ZooRegistry.create(entry.model(), LmserVariant.byName(entry.variant()),
                ModelSettings.builder().seed(seed).build());
        LabeledImages labeled = data.train().subset(data.train().balancedIndices(numLabeled, seed));
        List<Result> out = new ArrayList<>();
        for (Method m : methods) {
            ComputationGraph start = m == Method.SCRATCH ? spec.init() : spec.initPretrained(entry);
            ComputationGraph g = recipe.freezeEncoder(m == Method.FINETUNE_FROZEN).build().build(start);
            out.add(train(m, g, labeled, data, spec.featureLayout(), epochs, batch, seed));
        }
        return out;
    }

    private static Result train(Method m, ComputationGraph g, LabeledImages labeled, DataSplits data, FeatureLayout layout,
                                int epochs, int batch, long seed) {
        ImageDataSetIterator it = ImageDataSetIterator.builder(labeled).layout(layout).batchSize(batch).shuffle(seed)
                .build();
        long trainable = LmserClassifier.trainableParams(g);
        it.reset(); // each epoch starts from a reset, the first one too
        int iterations = epochs * it.batchesPerEpoch();
        double seconds = TrainingLoop.builder(m.cliName() + " on " + labeled.size() + " labels", g, Batches.of(it))
                .iterations(iterations).build().run().seconds();
        Evaluation ev = g.evaluate(data.testIterator(layout, Integer.MAX_VALUE));
        Result r = new Result(m, labeled.size(), epochs, iterations, ev.accuracy(), seconds, trainable, g);
        LOG.info("{}: test accuracy {} after {} epochs on {} labels ({} trainable parameters, {} s)", m.cliName(),
                String.format(Locale.ROOT, "%.4f", r.testAccuracy()), epochs, labeled.size(), trainable,
                String.format(Locale.ROOT, "%.1f", r.trainSeconds()));
        return r;
    }

}
