package org.bidizoo.zoo.analysis.tsne;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.zoo.analysis.metrics.ClassDistances;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * t-SNE maps and class distances of chosen layers of any {@link ComputationGraph} on a labeled sample:
 * the public entry point for "how well does layer L separate the classes" (seed 003, Figures 3.6–3.9
 * and Table 3.4).
 *
 * <pre>{@code
 * List<LayerMap> maps = LayerMaps.compute(graph, x, y, List.of("input", "dense2"), Tsne.builder().build());
 * maps.get(1).distances().ratio();
 * }</pre>
 */
public final class LayerMaps {
    private LayerMaps() {
    }

    /**
     * @param graph    a single-input graph
     * @param features sample {@code [n, ...]} in the graph's input layout, {@code n >= 4}
     * @param labels   classes {@code [n]} or one-hot {@code [n, classes]}
     * @param layers   layer or vertex names (a graph input name gives the raw input)
     * @param tsne     the t-SNE to run on each layer
     * @return one map per layer, in order
     * @throws IllegalArgumentException if a layer is not in the graph (the message lists the graph's names)
     */
    public static List<LayerMap> compute(ComputationGraph graph, INDArray features, INDArray labels,
                                         List<String> layers, Tsne tsne) {
        if (labels.size(0) != features.size(0)) {
            throw new IllegalArgumentException("labels: " + labels.size(0) + " rows for " + features.size(0)
                    + " examples");
        }
        return compute(LayerActivations.of(graph, features, layers), ClassDistances.Classes.of(labels), tsne,
                Map.of());
    }

    /**
     * @param activations each layer's activations {@code [n, size]}, by name (e.g. from {@link LayerActivations})
     * @param classes     the class of each example {@code [n]}
     * @param tsne        the t-SNE to run on each layer
     * @param previous    earlier maps {@code [n][2]} by layer, to start from so points stay put (may be empty)
     * @return one map per layer, in the order of {@code activations}
     */
    public static List<LayerMap> compute(Map<String, INDArray> activations, int[] classes, Tsne tsne,
                                         Map<String, double[][]> previous) {
        List<LayerMap> maps = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : activations.entrySet()) {
            double[][] a = e.getValue().castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] start = previous.get(e.getKey());
            maps.add(new LayerMap(e.getKey(), tsne.embed(a, start != null && start.length == a.length ? start : null),
                    classes, ClassDistances.of(a, classes)));
        }
        return maps;
    }
}
