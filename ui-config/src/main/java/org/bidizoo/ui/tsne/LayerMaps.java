package org.bidizoo.ui.tsne;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.ui.activations.LayerActivations;
import org.bidizoo.ui.metrics.ClassDistances;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
        int[] classes = ClassDistances.Classes.of(labels);
        Map<String, INDArray> acts = LayerActivations.of(graph, features, layers);
        List<LayerMap> maps = new ArrayList<>();
        for (String layer : layers) {
            double[][] a = acts.get(layer).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            maps.add(new LayerMap(layer, tsne.embed(a), classes, ClassDistances.of(a, classes)));
        }
        return maps;
    }
}
