package org.bidizoo.zoo.analysis.activations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activations of named vertices of any {@link ComputationGraph}, from its ordinary inference-mode
 * {@code feedForward}: every layer and vertex (and the graph inputs) can be asked for by name. For
 * Lmser models the whole encoder/decoder stack is one vertex ({@code lmser}), whose output is the
 * reconstruction, the code, or both, as configured; its levels are asked for as {@code lmser/level1} …
 * {@code lmser/levelK} (see {@link LmserLevels}).
 */
public final class LayerActivations {
    private static final int CHUNK = 500;

    private LayerActivations() {
    }

    /**
     * @param graph the graph
     * @return the names of its inputs and vertices in topological order, each Lmser vertex followed by its
     *         levels ({@code lmser/level1} …)
     */
    public static List<String> names(ComputationGraph graph) {
        List<String> names = new ArrayList<>();
        for (int i : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[i].getVertexName();
            names.add(name);
            names.addAll(LmserLevels.names(graph, name));
        }
        return names;
    }

    /**
     * @param graph  the graph
     * @param layers names to check
     * @throws IllegalArgumentException naming the first unknown layer and listing the graph's names
     */
    public static void requireKnown(ComputationGraph graph, Collection<String> layers) {
        List<String> names = names(graph);
        for (String l : layers) {
            if (!names.contains(l)) {
                throw new IllegalArgumentException("layer '" + l + "' is not in the graph; its layers and vertices are "
                        + names);
            }
        }
    }

    /**
     * @param graph    a single-input graph
     * @param features input {@code [n, ...]} in the graph's layout
     * @param layers   vertex or Lmser level names (see {@link #names})
     * @return each layer's activations, flattened per example to {@code [n, size]}, in the order asked
     */
    public static Map<String, INDArray> of(ComputationGraph graph, INDArray features, List<String> layers) {
        requireKnown(graph, layers);
        long n = features.size(0);
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        Map<String, LmserLevels> lmser = new LinkedHashMap<>();
        for (String l : layers) {
            parts.put(l, new ArrayList<>());
            String v = graph.getVertex(l) == null ? LmserLevels.vertexOf(l) : null;
            if (v != null && !lmser.containsKey(v)) {
                lmser.put(v, LmserLevels.of(graph, v));
            }
        }
        for (long from = 0; from < n; from += CHUNK) {
            long to = Math.min(n, from + CHUNK);
            INDArray x = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
            Map<String, INDArray> ff = new LinkedHashMap<>(graph.feedForward(x, false));
            for (LmserLevels levels : lmser.values()) {
                ff.putAll(levels.levels(ff));
            }
            for (String l : layers) {
                INDArray a = ff.get(l);
                if (a == null) {
                    throw new IllegalStateException("layer '" + l + "' produced no activations in feedForward");
                }
                parts.get(l).add(a.reshape('c', a.size(0), a.length() / a.size(0)).dup());
            }
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        parts.forEach((l, p) -> out.put(l, p.size() == 1 ? p.get(0) : Nd4j.concat(0, p.toArray(new INDArray[0]))));
        return out;
    }
}
