package org.bidizoo.zoo.stacked;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.lmser.LmserLayerImpl;
import org.bidizoo.zoo.model.AutoencoderCorruption;
import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.BatchPosition;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greedy layer-wise pretraining of a stack of autoencoders (seed 004, "Stack of autoencoders" and the neon example:
 * 128 then 64 tanh units). Level k is a one-level {@link AutoencoderModel} (DCW and DPN off) trained on the codes
 * of the trained levels below it; the first reconstructs pixels (sigmoid output), the others reconstruct tanh codes
 * (tanh output). A denoising stack corrupts each level's input afresh per minibatch and compares with the clean one;
 * a contractive stack adds λ‖J_f(x)‖²_F of each level's encoder.
 *
 * <p>{@link #pretrain} returns the whole stack as one {@link AutoencoderModel} graph (levels {@code [128, 64]})
 * whose bottom-up weights {@code W_k, b_k} and top-down weights {@code V_k, c_k} are the levels' encoders and
 * decoders: the unrolled stacked autoencoder, whose encoder {@link org.bidizoo.zoo.finetune.LmserClassifier}
 * fine-tunes as a classifier.
 */
public final class StackedAutoencoder {
    private static final Logger LOG = LoggerFactory.getLogger(StackedAutoencoder.class);
    private static final String LMSER = "lmser";

    private final int[] levels;
    private final int iterationsPerLevel;
    private final int batch;
    private final ModelSettings settings;
    private final AutoencoderCorruption corruption;
    private final double contraction;

    /**
     * @param levels             units per level, bottom first (the seed's 128, 64)
     * @param iterationsPerLevel minibatches each level trains on, {@code >= 1}
     * @param batch              minibatch size, {@code >= 1}
     * @param settings           seed and Adam schedule (the input shape is the data's)
     * @param corruption         each level's input corruption (a stacked denoising autoencoder), or null
     */
    public StackedAutoencoder(int[] levels, int iterationsPerLevel, int batch, ModelSettings settings,
                              AutoencoderCorruption corruption) {
        this(levels, iterationsPerLevel, batch, settings, corruption, 0);
    }

    /**
     * @param levels             units per level, bottom first (the seed's 128, 64)
     * @param iterationsPerLevel minibatches each level trains on, {@code >= 1}
     * @param batch              minibatch size, {@code >= 1}
     * @param settings           seed and Adam schedule (the input shape is the data's)
     * @param corruption         each level's input corruption (a stacked denoising autoencoder), or null
     * @param contraction        λ of each level's contractive penalty λ‖J_f(x)‖²_F (a stacked contractive
     *                           autoencoder, Rifai et al. 2011), {@code >= 0}; 0 for none
     */
    public StackedAutoencoder(int[] levels, int iterationsPerLevel, int batch, ModelSettings settings,
                              AutoencoderCorruption corruption, double contraction) {
        if (!(contraction >= 0) || Double.isInfinite(contraction)) {
            throw new IllegalArgumentException("contraction = " + contraction + ", expected a finite number >= 0");
        }
        this.contraction = contraction;
        if (levels.length == 0 || Arrays.stream(levels).anyMatch(u -> u < 1)) {
            throw new IllegalArgumentException("levels = " + Arrays.toString(levels) + ", expected positive sizes");
        }
        if (iterationsPerLevel < 1 || batch < 1) {
            throw new IllegalArgumentException("iterationsPerLevel = " + iterationsPerLevel + ", batch = " + batch
                    + ", expected both >= 1");
        }
        this.levels = levels.clone();
        this.iterationsPerLevel = iterationsPerLevel;
        this.batch = batch;
        this.settings = settings;
        this.corruption = corruption;
    }

    /** @return the whole stack as an autoencoder model (untrained), e.g. [784, 128, 64] tanh */
    public AutoencoderModel stack() {
        return new AutoencoderModel.Builder().name(contraction > 0 ? "stacked-cae" : corruption == null ? "stacked-ae"
                : "stacked-dae").hidden(levels)
                .activation(Activation.TANH).settings(settings).build();
    }

    /**
     * @param data the training images (labels unused)
     * @return the stack's graph with every level's trained encoder and decoder
     */
    public ComputationGraph pretrain(DataSplits data) {
        return pretrainInto(data, stack().init());
    }

    /**
     * Trains the levels greedily and writes each level's encoder and decoder into a graph of the unrolled stack.
     *
     * @param data   the training images (labels unused)
     * @param target a graph of this stack's shape (an {@link AutoencoderModel} with these levels), overwritten
     * @return target
     * @throws IllegalArgumentException if target has no Lmser layer of these levels
     */
    public ComputationGraph pretrainInto(DataSplits data, ComputationGraph target) {
        int[] in = settings.inputShape();
        List<LmserLayerImpl> trained = new ArrayList<>();
        Layer stackLayer = target.getLayer(LMSER);
        if (stackLayer == null || stackLayer.getParam("W" + (levels.length - 1)) == null
                || stackLayer.getParam("W" + levels.length) != null) {
            throw new IllegalArgumentException("target: expected an autoencoder graph with an Lmser layer '" + LMSER
                    + "' of " + levels.length + " levels " + Arrays.toString(levels));
        }
        for (int k = 0; k < levels.length; k++) {
            int nIn = k == 0 ? in[0] * in[1] * in[2] : levels[k - 1];
            ModelSettings s = settings.toBuilder().inputShape(1, 1, nIn).build();
            AutoencoderModel level = new AutoencoderModel.Builder().name("level-" + (k + 1)).hidden(levels[k])
                    .activation(Activation.TANH).outputActivation(k == 0 ? Activation.SIGMOID : Activation.TANH)
                    .corruption(corruption).contraction(contraction).settings(s).build();
            ComputationGraph g = level.init();
            Batches codes = encoded(Batches.of(data.trainIterator(FeatureLayout.FLAT, batch, settings.seed())),
                    List.copyOf(trained));
            TrainingLoop.Result r = TrainingLoop.builder("stacked level " + (k + 1) + " (" + nIn + "-" + levels[k] + ")",
                    g, codes).batchFactory((m, i) -> level.trainingBatchAt(m.getFeatures(0), null, null, i))
                    .iterations(iterationsPerLevel).build().run();
            LOG.info("level {} ({} -> {}): last score {}", k + 1, nIn, levels[k], r.score());
            Map<String, INDArray> p = g.getLayer(LMSER).paramTable();
            for (String key : new String[] {"W", "V", "b", "c"}) {
                stackLayer.setParam(key + k, p.get(key + "0"));
            }
            trained.add((LmserLayerImpl) g.getLayer(LMSER));
        }
        return target;
    }

    /** The stream's features pushed through the trained levels (their codes), labels dropped. */
    private static Batches encoded(Batches raw, List<LmserLayerImpl> below) {
        return new Batches() {
            @Override
            public MultiDataSet next() {
                INDArray x = raw.next().getFeatures(0);
                for (LmserLayerImpl l : below) {
                    x = l.encode(x);
                }
                return new org.nd4j.linalg.dataset.MultiDataSet(x, x);
            }

            @Override
            public int batchesPerEpoch() {
                return raw.batchesPerEpoch();
            }

            @Override
            public BatchPosition position() {
                return raw.position();
            }

            @Override
            public void seek(BatchPosition p) {
                raw.seek(p);
            }
        };
    }
}
