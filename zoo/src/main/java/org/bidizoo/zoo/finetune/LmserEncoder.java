package org.bidizoo.zoo.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserOutput;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The bottom-up half of a trained Lmser graph as a graph of its own: {@code input → lmser → code}, where
 * {@code lmser} is a copy of the trained {@link LmserLayer} that outputs its bottom-up activities (one
 * bottom-up pass) and holds the trained parameters, and {@code code} is a parameter-free identity
 * output that fine-tuning replaces with a head.
 *
 * <p>Output, by the features asked for: {@link LmserOutput#HIDDEN} every level's activity, flattened
 * and concatenated, {@code [b, Σ sizes]} (e.g. {@code [b, 410]} for the paper's dense 300-100-10 stack);
 * {@link LmserOutput#CODE} the top code alone, {@code [b, units]} for a dense stack, {@code [b, C, H, W]}
 * for a convolutional one (e.g. {@code [b, 64, 2, 2]} for the zoo's conv Lmser on 28×28 input). With
 * paired neurons the reconstruction can bypass the top code, which may then be nearly dead: measured on
 * the shipped dense Lmser(un), 0.9% of its code values (10 units, 1,000 MNIST test images) are non-zero.
 */
public final class LmserEncoder {
    /** the input vertex of the encoder graph */
    public static final String INPUT = "input";
    /** the Lmser layer vertex of the encoder graph (the name the zoo models use too) */
    public static final String LMSER = "lmser";
    /** the identity output of the encoder graph, replaced when a head is added */
    public static final String CODE = "code";

    private LmserEncoder() {
    }

    /**
     * @param graph a graph holding exactly one {@link LmserLayer}
     * @return that layer's vertex name
     * @throws IllegalArgumentException listing the graph's vertices if there is none or more than one
     */
    public static String lmserVertex(ComputationGraph graph) {
        List<String> found = new ArrayList<>();
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof LmserLayer) {
                found.add(e.getKey());
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("graph: expected exactly one LmserLayer vertex, found " + found.size()
                    + " " + found + " among the vertices " + vertices.keySet());
        }
        return found.get(0);
    }

    /**
     * @param trained a trained graph holding one {@link LmserLayer} (left untouched)
     * @return the encoder graph with {@link LmserOutput#HIDDEN} features
     */
    public static ComputationGraph of(ComputationGraph trained) {
        return of(trained, LmserOutput.HIDDEN);
    }

    /**
     * @param trained  a trained graph holding one {@link LmserLayer} (left untouched)
     * @param features {@link LmserOutput#HIDDEN} or {@link LmserOutput#CODE}
     * @return the encoder graph, same data type, with a copy of the Lmser parameters
     */
    public static ComputationGraph of(ComputationGraph trained, LmserOutput features) {
        if (features != LmserOutput.HIDDEN && features != LmserOutput.CODE) {
            throw new IllegalArgumentException("features = " + features + ", expected HIDDEN or CODE");
        }
        String name = lmserVertex(trained);
        LayerVertex v = (LayerVertex) trained.getConfiguration().getVertices().get(name);
        LmserLayer code = (LmserLayer) v.getLayerConf().getLayer().clone();
        code.setOutput(features);
        InputPreProcessor pre = v.getPreProcessor() == null ? null : v.getPreProcessor().clone();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(v.getLayerConf().getSeed()).dataType(trained.params().dataType())
                .graphBuilder().addInputs(INPUT)
                .addLayer(LMSER, code, pre, INPUT)
                .addLayer(CODE, new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), LMSER)
                .setOutputs(CODE).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray p = trained.getLayer(name).params();
        g.getLayer(LMSER).setParams(p.dup());
        return g;
    }

    /**
     * @param encoder a graph made by {@link #of}
     * @return the type of the top code: feed-forward or convolutional
     */
    public static InputType codeType(ComputationGraph encoder) {
        LmserLayer l = (LmserLayer) encoder.getLayer(LMSER).conf().getLayer();
        return l.getOutputType(0, null);
    }
}
