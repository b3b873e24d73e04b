package org.bidizoo.zoo.analysis.activations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserOutput;
import org.bidizoo.layers.lmser.LmserShapes;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The levels inside an Lmser layer, addressable by name: {@code lmser/level1} is z₁ (the first level above
 * the input) … {@code lmser/levelK} the top code, each the bottom-up activity of the last reflection.
 *
 * <p>One {@link LmserLayer} holds the whole stack, so its levels are not vertices of the graph. Their
 * activities come from a one-layer copy of the vertex whose output is {@link LmserOutput#HIDDEN}, with the
 * trained parameters copied in, run in inference mode on the vertex's input. The trained graph and its
 * layer are left untouched.
 */
public final class LmserLevels {
    /** Between the vertex name and the level number, e.g. {@code lmser/level2}. */
    public static final String SEPARATOR = "/level";

    private final String vertex;
    private final String input;
    private final ComputationGraph copy;
    private final long[] sizes;

    private LmserLevels(String vertex, String input, ComputationGraph copy, long[] sizes) {
        this.vertex = vertex;
        this.input = input;
        this.copy = copy;
        this.sizes = sizes;
    }

    /**
     * @param graph  a graph
     * @param vertex one of its vertices
     * @return the level names of that vertex ({@code vertex/level1} …), empty if it is not an Lmser layer
     */
    public static List<String> names(ComputationGraph graph, String vertex) {
        LmserLayer l = lmser(graph, vertex);
        List<String> names = new ArrayList<>();
        if (l != null) {
            for (int k = 1; k <= l.shapes().levels(); k++) {
                names.add(vertex + SEPARATOR + k);
            }
        }
        return names;
    }

    /**
     * @param name a layer name
     * @return the vertex part of a level name ({@code lmser} of {@code lmser/level2}), or null for other names
     */
    public static String vertexOf(String name) {
        int at = name.lastIndexOf(SEPARATOR);
        return at > 0 && name.substring(at + SEPARATOR.length()).matches("[0-9]+") ? name.substring(0, at) : null;
    }

    /**
     * @param graph  the trained graph (not modified)
     * @param vertex an Lmser vertex of it
     * @return a reader of that vertex's levels, with the graph's current parameters
     */
    public static LmserLevels of(ComputationGraph graph, String vertex) {
        LmserLayer l = lmser(graph, vertex);
        if (l == null) {
            throw new IllegalArgumentException("vertex '" + vertex + "' is not an LmserLayer");
        }
        LayerVertex lv = (LayerVertex) graph.getConfiguration().getVertices().get(vertex);
        LmserLayer hidden = (LmserLayer) l.clone();
        hidden.setOutput(LmserOutput.HIDDEN);
        var conf = new NeuralNetConfiguration.Builder().dataType(graph.params().dataType()).graphBuilder()
                .addInputs("in").addLayer(vertex, hidden, lv.getPreProcessor(), "in").setOutputs(vertex).build();
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.getLayer(vertex).params().dup(), false);
        LmserShapes s = l.shapes();
        long[] sizes = new long[s.levels()];
        for (int k = 1; k <= s.levels(); k++) {
            sizes[k - 1] = s.size(k);
        }
        return new LmserLevels(vertex, graph.getConfiguration().getVertexInputs().get(vertex).get(0), copy, sizes);
    }

    /**
     * @param feedForward the graph's inference-mode activations of one batch (every vertex, by name)
     * @return each level's activity {@code [b, size_k]}, by level name
     */
    public Map<String, INDArray> levels(Map<String, INDArray> feedForward) {
        INDArray all = copy.outputSingle(false, feedForward.get(input));
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        long from = 0;
        for (int k = 0; k < sizes.length; k++) {
            out.put(vertex + SEPARATOR + (k + 1), all.get(NDArrayIndex.all(), NDArrayIndex.interval(from,
                    from + sizes[k])));
            from += sizes[k];
        }
        return out;
    }

    private static LmserLayer lmser(ComputationGraph graph, String vertex) {
        return graph.getConfiguration().getVertices().get(vertex) instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof LmserLayer l ? l : null;
    }
}
