package org.bidizoo.layers.inversion;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * The inverse of seed 002 for any DL4J network: x̂ = J(x)ᵀ f(x), where f is the pre-activation of a
 * chosen dense or output layer (for a softmax classifier, its logits). For a piecewise-linear network
 * f(x) = A[x]x + b[x] this is A[x]ᵀ f(x). Computed with one backward pass, as the input gradient of
 * ½‖f(x)‖²: the network is cut after the chosen layer, the layer's activation replaced by the
 * identity, and an L2 loss with target 0 put on top; the user's network is not changed.
 */
public final class NetworkInverse {
    private NetworkInverse() {
    }

    /**
     * @param graph an initialised graph with one input
     * @param layer name of a dense or output layer (its pre-activation is f)
     * @param x     input, any shape the graph takes
     * @return J(x)ᵀ f(x), the shape of x, one row per example
     */
    public static INDArray invert(ComputationGraph graph, String layer, INDArray x) {
        ComputationGraph probe = probe(graph, layer);
        long nOut = ((FeedForwardLayer) probe.getLayer(PRE).conf().getLayer()).getNOut();
        return InputGradients.ofLoss(probe, x, Nd4j.zeros(x.dataType(), x.size(0), nOut));
    }

    /**
     * @param net        an initialised network
     * @param layerIndex index of a dense or output layer
     * @param x          input
     * @return J(x)ᵀ f(x), the shape of x
     */
    public static INDArray invert(MultiLayerNetwork net, int layerIndex, INDArray x) {
        return invert(net.toComputationGraph(), String.valueOf(layerIndex), x);
    }

    private static final String PRE = "inverse_preactivation";
    private static final String LOSS = "inverse_half_l2";

    /** The graph up to the chosen layer, that layer with identity activation, and ½‖f‖² on top. */
    static ComputationGraph probe(ComputationGraph graph, String layer) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        GraphVertex v = conf.getVertices().get(layer);
        if (!(v instanceof LayerVertex)) {
            throw new IllegalArgumentException("layer '" + layer + "' is not a layer of this graph; its layers are "
                    + layerNames(conf));
        }
        Layer l = ((LayerVertex) v).getLayerConf().getLayer();
        if (!(l instanceof FeedForwardLayer) || l instanceof LossLayer
                || !graph.getLayer(layer).paramTable().containsKey("W")) {
            throw new IllegalArgumentException("layer '" + layer + "' is a " + l.getClass().getSimpleName()
                    + "; expected a dense or output layer (weights W and biases b), e.g. the layer before the softmax");
        }
        FeedForwardLayer ff = (FeedForwardLayer) l;
        boolean hasBias = graph.getLayer(layer).paramTable().containsKey("b");
        List<String> inputs = conf.getVertexInputs().get(layer);
        TransferLearning.GraphBuilder tl = new TransferLearning.GraphBuilder(graph);
        for (String other : notFeeding(conf, layer)) {
            tl.removeVertexAndConnections(other); // downstream of the layer, or other outputs' branches
        }
        tl.removeVertexAndConnections(layer);
        tl.addLayer(PRE, new DenseLayer.Builder().nIn(ff.getNIn()).nOut(ff.getNOut()).hasBias(hasBias)
                .activation(Activation.IDENTITY).build(), inputs.toArray(new String[0]));
        INDArray half = Nd4j.valueArrayOf(new long[] {1, ff.getNOut()}, 0.5);
        tl.addLayer(LOSS, new LossLayer.Builder(new LossL2(half)).activation(Activation.IDENTITY).build(), PRE);
        tl.setOutputs(LOSS);
        ComputationGraph p = tl.build();
        DataType dt = graph.params().dataType();
        if (p.params().dataType() != dt) {
            p = p.convertDataType(dt); // TransferLearning builds in the default type
        }
        Map<String, INDArray> src = graph.getLayer(layer).paramTable();
        p.getLayer(PRE).setParam("W", src.get("W").dup());
        if (hasBias) {
            p.getLayer(PRE).setParam("b", src.get("b").dup());
        }
        return p;
    }

    /** @return every vertex except the layer and the vertices it reads from, directly or not */
    private static Set<String> notFeeding(ComputationGraphConfiguration conf, String layer) {
        Set<String> upstream = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(layer);
        while (!todo.isEmpty()) {
            for (String in : conf.getVertexInputs().getOrDefault(todo.poll(), List.of())) {
                if (upstream.add(in)) {
                    todo.add(in);
                }
            }
        }
        Set<String> others = new HashSet<>(conf.getVertices().keySet());
        others.removeAll(upstream);
        others.remove(layer);
        return others;
    }

    private static List<String> layerNames(ComputationGraphConfiguration conf) {
        return conf.getVertices().entrySet().stream().filter(e -> e.getValue() instanceof LayerVertex)
                .map(Map.Entry::getKey).sorted().toList();
    }
}
