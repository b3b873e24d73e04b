package org.bidizoo.zoo.model;

import java.io.IOException;
import java.nio.file.Path;

import org.bidizoo.layers.updater.RegularizationFreeBlocks;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.pretrained.PretrainedRegistry;
import org.bidizoo.zoo.pretrained.WeightsDownloader;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.ZooType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A bidizoo zoo model: a DL4J {@link ZooModel} whose {@link #init()} returns a ready
 * {@link ComputationGraph}, plus what a trainer needs to feed it — the feature layout and which
 * outputs reconstruct and which classify.
 *
 * <p>Graph outputs, in order: {@value #RECONSTRUCTION} (MSE against the flattened input, if the model
 * reconstructs), then {@value #LABEL} (softmax cross-entropy, if it classifies).
 */
public abstract class BidizooModel extends ZooModel<ComputationGraph> {
    /** Name of the reconstruction output. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** Name of the classification output. */
    public static final String LABEL = "label";
    /** Name of the graph input. */
    public static final String INPUT = "input";

    private ModelSettings settings;
    private ZooWeights weights;

    /** @param settings shared settings */
    protected BidizooModel(ModelSettings settings) {
        this.settings = settings;
    }

    /** @return the shared settings */
    public ModelSettings settings() {
        return settings;
    }

    /** @return the zoo name, e.g. {@code lmser-dense} */
    public abstract String name();

    /** @return how the model wants its features: flat or NCHW */
    public abstract FeatureLayout featureLayout();

    /** @return whether the graph has a {@value #RECONSTRUCTION} output */
    public abstract boolean reconstructs();

    /** @return whether the graph has a {@value #LABEL} output */
    public abstract boolean classifies();

    /** @return the graph configuration */
    public abstract ComputationGraphConfiguration conf();

    @Override
    @SuppressWarnings("unchecked")
    public ComputationGraph init() {
        ComputationGraph g = new ComputationGraph(conf());
        g.init();
        RegularizationFreeBlocks.install(g); // DL4J's per-step regularization pass, here always empty
        return g;
    }

    /** @param w the trained weights {@link #load()} gives (set by a family's builder) */
    void useWeights(ZooWeights w) {
        this.weights = w;
    }

    /** @return the trained weights this model was configured with, or null */
    public ZooWeights weights() {
        return weights;
    }

    /**
     * @return the graph with the weights the builder was given, verified by SHA-256; a fresh {@link #init()} when it
     *         was given none
     * @throws IOException if the weights cannot be had (the message says why)
     */
    public ComputationGraph load() throws IOException {
        return weights == null ? init() : initPretrained(weights.entry());
    }

    /** @return the index of the {@value #RECONSTRUCTION} output, or -1 */
    public int reconstructionOutput() {
        return reconstructs() ? 0 : -1;
    }

    /** @return the index of the {@value #LABEL} output, or -1 */
    public int labelOutput() {
        return classifies() ? (reconstructs() ? 1 : 0) : -1;
    }

    /**
     * Makes a training minibatch for this graph.
     *
     * @param x         features in this model's layout
     * @param y         one-hot labels {@code [b, numClasses]}
     * @param labelMask {@code [b, 1]}, 1 for labeled rows, or null when every row is labeled
     * @return features {@code [x]}, labels {@code [x flattened]} and/or {@code [y]} in output order
     */
    public MultiDataSet trainingBatch(INDArray x, INDArray y, INDArray labelMask) {
        checkBatch(x, y, labelMask);
        int n = (reconstructs() ? 1 : 0) + (classifies() ? 1 : 0);
        INDArray[] labels = new INDArray[n];
        INDArray[] masks = new INDArray[n];
        if (reconstructs()) {
            labels[reconstructionOutput()] = x.reshape(x.size(0), x.length() / x.size(0));
        }
        if (classifies()) {
            labels[labelOutput()] = y;
            masks[labelOutput()] = labelMask;
        }
        boolean anyMask = labelMask != null && classifies();
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, labels, null, anyMask ? masks : null);
    }

    /**
     * The training minibatch of iteration {@code iteration}: what {@link org.bidizoo.zoo.train.TrainingLoop} feeds.
     * The same as {@link #trainingBatch} unless the model changes its input per iteration (a denoising
     * autoencoder corrupts it afresh, seeded by its seed and the iteration, so that a resumed run is exact).
     *
     * @param x         features in this model's layout
     * @param y         one-hot labels {@code [b, numClasses]}
     * @param labelMask {@code [b, 1]} or null
     * @param iteration iterations done before this minibatch, {@code >= 0}
     * @return the batch to train on
     */
    public MultiDataSet trainingBatchAt(INDArray x, INDArray y, INDArray labelMask, int iteration) {
        return trainingBatch(x, y, labelMask);
    }

    /**
     * Checks a minibatch before it reaches DL4J, so a mistake is named here and not deep inside ND4J.
     *
     * @param x         features: {@code [b, C*H*W]} (flat) or {@code [b, C, H, W]} (NCHW), the model's data type,
     *                  finite, {@code b >= 1}
     * @param y         one-hot labels {@code [b, numClasses]} (may be null for a model that does not classify)
     * @param labelMask {@code [b, 1]} or null
     * @throws IllegalArgumentException naming the array, its shape or value, and what was expected
     */
    public void checkBatch(INDArray x, INDArray y, INDArray labelMask) {
        if (x == null) {
            throw new IllegalArgumentException("features: null, expected " + expectedFeatures("b"));
        }
        long[] expected = featureShape(x.rank() == 0 ? 0 : x.size(0));
        if (x.rank() == 0 || x.size(0) < 1) {
            throw new IllegalArgumentException("features: an empty minibatch " + java.util.Arrays.toString(x.shape())
                    + ", expected " + expectedFeatures("b") + " with b >= 1");
        }
        if (!java.util.Arrays.equals(x.shape(), expected)) {
            throw new IllegalArgumentException("features: shape " + java.util.Arrays.toString(x.shape()) + ", expected "
                    + expectedFeatures(Long.toString(x.size(0))) + " for " + name());
        }
        if (x.dataType() != settings.dataType()) {
            throw new IllegalArgumentException("features: data type " + x.dataType() + ", but " + name() + " is "
                    + settings.dataType() + "; cast with x.castTo(DataType." + settings.dataType() + ")");
        }
        if (!Double.isFinite(x.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("features: row " + firstNonFiniteRow(x) + " holds NaN or infinity");
        }
        if (y != null && classifies() && (y.rank() != 2 || y.size(0) != x.size(0) || y.size(1) != settings.numClasses())) {
            throw new IllegalArgumentException("labels: shape " + java.util.Arrays.toString(y.shape()) + ", expected ["
                    + x.size(0) + ", " + settings.numClasses() + "] (one-hot, one row per example)");
        }
        if (labelMask != null && labelMask.length() != x.size(0)) {
            throw new IllegalArgumentException("labelMask: shape " + java.util.Arrays.toString(labelMask.shape())
                    + ", expected [" + x.size(0) + ", 1]");
        }
    }

    private long[] featureShape(long b) {
        int[] s = settings.inputShape();
        return featureLayout() == FeatureLayout.FLAT ? new long[] {b, (long) s[0] * s[1] * s[2]}
                : new long[] {b, s[0], s[1], s[2]};
    }

    private String expectedFeatures(String b) {
        int[] s = settings.inputShape();
        return featureLayout() == FeatureLayout.FLAT ? "[" + b + ", " + (s[0] * s[1] * s[2]) + "]"
                : "[" + b + ", " + s[0] + ", " + s[1] + ", " + s[2] + "]";
    }

    private static long firstNonFiniteRow(INDArray x) {
        INDArray rows = x.reshape(x.size(0), x.length() / x.size(0));
        for (long r = 0; r < rows.size(0); r++) {
            if (!Double.isFinite(rows.getRow(r).sumNumber().doubleValue())) {
                return r;
            }
        }
        return -1;
    }

    /**
     * The graph's outputs for features alone, in output order (reconstruction and/or label scores).
     * Models whose training graph takes more than features (Associated Learning) override this.
     *
     * @param graph a graph of this model
     * @param x     features in this model's layout
     * @return the outputs
     */
    public INDArray[] outputs(ComputationGraph graph, INDArray x) {
        return graph.output(false, x);
    }

    /**
     * A reconstruction the model computes outside its graph's outputs, for a model whose graph has no
     * reconstruction output ({@link #reconstructs()} false) but that can reconstruct its input all the same (a deep
     * belief net's up-down pass); the dashboard shows it on its reconstruction page.
     *
     * @param graph the model's graph
     * @param x     inputs in the model's feature layout
     * @return their reconstructions, shaped as x, or null if the model has none (the default)
     */
    public INDArray reconstructionOf(ComputationGraph graph, INDArray x) {
        return null;
    }

    /**
     * The single-input graph that computes this model's outputs from features alone, whose vertices
     * hold the hidden activations a user maps or measures (t-SNE, class distances). It is the graph
     * itself, except for models whose training graph takes more than features (Associated Learning:
     * its prediction path, sharing the parameters).
     *
     * @param graph a graph of this model
     * @return the graph to feed features {@code [n, ...]} through
     */
    public ComputationGraph inferenceGraph(ComputationGraph graph) {
        return graph;
    }

    @Override
    public void setInputShape(int[][] inputShape) {
        int[] s = inputShape[0];
        this.settings = settings.toBuilder().inputShape(s[0], s[1], s[2]).build();
    }

    @Override
    @Deprecated
    public ModelMetaData metaData() {
        return new ModelMetaData(new int[][] {settings.inputShape()}, (reconstructs() ? 1 : 0) + (classifies() ? 1 : 0),
                ZooType.CNN);
    }

    @Override
    public Class<? extends Model> modelType() {
        return ComputationGraph.class;
    }

    /**
     * The layer-wise pretraining that precedes {@code fit}: DL4J's {@code pretrainLayer} on each listed layer for
     * its iterations, in order (an RBM: one phase for the whole run; a DBN: one per RBM, bottom up, then
     * fine-tuning). The training loop carries it out ({@code TrainingStep.forModel}).
     *
     * @return the phases; empty (the default) for models trained by {@code fit} alone
     */
    public java.util.List<PretrainPhase> pretraining() {
        return java.util.List.of();
    }

    /** @return the Adam learning rate used when the settings set none (1e-3) */
    public double defaultLearningRate() {
        return 1e-3;
    }

    /** @return the Lmser variant's name, or empty for models without variants */
    public String variantName() {
        return "";
    }

    /**
     * Pretrained weights from bidizoo's registry (verified by SHA-256; shipped ones work offline).
     * {@link PretrainedType#MNIST} gives the DEFAULT MNIST entry of this model and variant.
     *
     * @param pretrainedType only MNIST is published
     * @return a ready graph whose structure equals {@link #init()}'s
     * @throws IOException if the weights cannot be had (the message says why)
     */
    @Override
    @SuppressWarnings("unchecked")
    public <M extends Model> M initPretrained(PretrainedType pretrainedType) throws IOException {
        if (pretrainedType != PretrainedType.MNIST) {
            throw new UnsupportedOperationException("pretrained " + pretrainedType + " weights are not published for "
                    + name() + "; use PretrainedType.MNIST, initPretrained(\"fashion-mnist\") or initPretrained(PretrainedEntry)");
        }
        return (M) initPretrained(PretrainedRegistry.defaultFor(name(), variantName(), "mnist"));
    }

    /**
     * @param dataset {@code mnist} or {@code fashion-mnist}
     * @return a ready graph with this model's and variant's DEFAULT weights for that dataset, whose
     *         structure equals {@link #init()}'s
     * @throws IOException if the weights cannot be had (the message says why)
     * @throws IllegalArgumentException naming the available entries if there are none for the dataset
     */
    public ComputationGraph initPretrained(String dataset) throws IOException {
        return initPretrained(PretrainedRegistry.defaultFor(name(), variantName(), dataset));
    }

    /**
     * @param entry a registry entry for this model and variant
     * @return the graph with those weights
     * @throws IOException if the weights cannot be had
     */
    public ComputationGraph initPretrained(PretrainedEntry entry) throws IOException {
        if (!entry.model().equals(name()) || !entry.variant().equals(variantName())) {
            throw new IllegalArgumentException("pretrained " + entry.id() + " is for " + entry.model() + " "
                    + entry.variant() + ", not " + name() + " " + variantName());
        }
        Path f = WeightsDownloader.fromEnvironment().fetch(entry);
        ComputationGraph g = ModelSerializer.restoreComputationGraph(f.toFile(), false);
        ComputationGraph fresh = init();
        if (g.numParams() != fresh.numParams() || !g.getConfiguration().getVertices().keySet()
                .equals(fresh.getConfiguration().getVertices().keySet())) {
            throw new IOException("pretrained " + entry.id() + " does not have the structure of " + name() + " "
                    + variantName() + " (" + g.numParams() + " parameters, expected " + fresh.numParams() + ")");
        }
        RegularizationFreeBlocks.install(g);
        return g;
    }

    @Override
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0L;
    }

    @Override
    public String modelName() {
        return name();
    }

    @Override
    public String toString() {
        return name();
    }
}
