package org.bidizoo.zoo.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.bidizoo.layers.associated.AssociatedNames;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * An Associated Learning zoo model ({@code al-mlp}, {@code al-cnn}) or its backprop twin
 * ({@code al-mlp-bp}, {@code al-cnn-bp}). The AL model's {@link #init()} is the training graph
 * (inputs features and one-hot labels, outputs the local losses; {@link #trainingBatch} makes its
 * minibatches) and {@link #outputs} runs the prediction path (Eq. 2.8), class scores
 * {@code [b, numClasses]} (sigmoid). The twin is a plain softmax classifier.
 */
public final class AssociatedZooModel extends BidizooModel {
    /** Adam learning rate when the settings set none (the thesis' 1e-4). */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;

    private final String name;
    private final boolean conv;
    private final boolean twin;
    private final Function<ModelSettings, AssociatedLearning> topology;
    private final Activation twinActivation;
    private final Map<ComputationGraph, AssociatedNetwork> networks = Collections.synchronizedMap(new WeakHashMap<>());

    private AssociatedZooModel(ModelSettings s, String name, boolean conv, boolean twin,
                               Function<ModelSettings, AssociatedLearning> topology, Activation twinActivation) {
        super(s);
        this.name = name;
        this.conv = conv;
        this.twin = twin;
        this.topology = topology;
        this.twinActivation = twinActivation;
    }

    /**
     * A model of any topology (experiments).
     *
     * @param s              settings
     * @param name           name
     * @param conv           whether features are NCHW (else flat)
     * @param twin           the backprop twin instead
     * @param topology       builds the AL specification from the settings
     * @param twinActivation the twin's hidden activation
     * @return the model
     */
    public static AssociatedZooModel custom(ModelSettings s, String name, boolean conv, boolean twin,
                                            Function<ModelSettings, AssociatedLearning> topology,
                                            Activation twinActivation) {
        return new AssociatedZooModel(s, name, conv, twin, topology, twinActivation);
    }

    /** @param s settings @param twin the backprop twin instead @return AL-MLP or its twin */
    public static AssociatedZooModel mlp(ModelSettings s, boolean twin) {
        return new AssociatedZooModel(s, twin ? "al-mlp-bp" : "al-mlp", false, twin, AssociatedModels::mlp,
                Activation.RELU);
    }

    /** @param s settings @param twin the backprop twin instead @return AL-CNN or its twin */
    public static AssociatedZooModel cnn(ModelSettings s, boolean twin) {
        return new AssociatedZooModel(s, twin ? "al-cnn-bp" : "al-cnn", true, twin, AssociatedModels::cnn,
                Activation.RELU);
    }

    /**
     * @param s    settings; CIFAR-10 needs {@code inputShape(3, 32, 32)}
     * @param twin the backprop twin instead
     * @return AL-VGG or its twin
     */
    public static AssociatedZooModel vgg(ModelSettings s, boolean twin) {
        return new AssociatedZooModel(s, twin ? "al-vgg-bp" : "al-vgg", true, twin, AssociatedModels::vgg,
                Activation.RELU);
    }

    /**
     * @param s     settings; CIFAR-10 needs {@code inputShape(3, 32, 32)}
     * @param depth 20 or 32
     * @param twin  the backprop twin instead
     * @return AL-ResNet-20/32 or its twin
     */
    public static AssociatedZooModel resnet(ModelSettings s, int depth, boolean twin) {
        AssociatedModels.resnet(s, depth);
        String n = "al-resnet" + depth;
        return new AssociatedZooModel(s, twin ? n + "-bp" : n, true, twin, st -> AssociatedModels.resnet(st, depth),
                Activation.RELU);
    }

    /** @return the backprop twin of this model (itself if it is one) */
    public AssociatedZooModel twin() {
        return twin ? this : new AssociatedZooModel(settings(), name + "-bp", conv, true, topology, twinActivation);
    }

    /** @return the Associated Learning specification (also for the twin, which is derived from it) */
    public AssociatedLearning spec() {
        return topology.apply(settings());
    }

    /** @return whether this is the backprop twin */
    public boolean isTwin() {
        return twin;
    }

    /**
     * @param graph an AL training graph of this model
     * @return it with its prediction path (cached per graph)
     */
    public AssociatedNetwork network(ComputationGraph graph) {
        if (twin) {
            throw new IllegalStateException(name + " is a backprop twin, not an Associated Learning graph");
        }
        return networks.computeIfAbsent(graph, AssociatedNetwork::of);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FeatureLayout featureLayout() {
        return conv ? FeatureLayout.NCHW : FeatureLayout.FLAT;
    }

    @Override
    public boolean reconstructs() {
        return false;
    }

    @Override
    public boolean classifies() {
        return true;
    }

    @Override
    public double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }

    @Override
    public ComputationGraphConfiguration conf() {
        AssociatedLearning spec = spec();
        return twin ? spec.backpropTwinConf(twinActivation) : spec.trainingConf();
    }

    @Override
    public MultiDataSet trainingBatch(INDArray x, INDArray y, INDArray labelMask) {
        if (twin) {
            return super.trainingBatch(x, y, labelMask);
        }
        if (labelMask != null) {
            throw new IllegalArgumentException("labelMask: Associated Learning needs every label (t_0 = y); got a mask");
        }
        checkBatch(x, y, null);
        return spec().trainingBatch(x, y);
    }

    @Override
    public INDArray[] outputs(ComputationGraph graph, INDArray x) {
        return twin ? super.outputs(graph, x) : new INDArray[] {network(graph).output(x)};
    }

    @Override
    public ComputationGraph inferenceGraph(ComputationGraph graph) {
        return twin ? graph : network(graph).prediction();
    }

    /**
     * The prediction path's layers, which AL and its twin share by name: the block outputs
     * {@code f1..fN} (s_i), the last bridge {@code bN}, and the decoders {@code hN..h1} ({@code h1}:
     * class scores). The thesis maps the MLP's 2nd and 4th layers and its output (Fig. 3.6):
     * {@code f2}, {@code b2}, {@code h1}.
     *
     * @return vertex names of {@link #inferenceGraph}, input side first
     */
    public List<String> metafeatureLayers() {
        int n = spec().blocks().size();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(AssociatedNames.s(i));
        }
        names.add(AssociatedNames.bridge(n));
        for (int i = n; i >= 1; i--) {
            names.add(AssociatedNames.inverse(i));
        }
        return names;
    }
}
