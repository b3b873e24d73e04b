package org.bidizoo.ui.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.bidizoo.ui.tsne.LayerMap;
import org.bidizoo.ui.tsne.LayerMaps;
import org.bidizoo.ui.tsne.Tsne;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Posts t-SNE maps of chosen layers' activations on a fixed labeled sample, each with its inter/intra
 * class distance ratio (seed 003, Table 3.4). The t-SNE runs on the training thread, so keep the sample
 * (a few hundred points) and the iterations modest, and the interval long.
 */
public final class HiddenTsneListener extends DashboardListener {
    private final INDArray features;
    private final INDArray labels;
    private final List<String> layers;
    private final Tsne tsne;

    /**
     * @param router    where records go
     * @param sessionId the session ID
     * @param features  the fixed sample {@code [n, ...]} in the graph's input layout, {@code n >= 4}
     * @param labels    its classes {@code [n]} or one-hot {@code [n, classes]}
     * @param layers    layer or vertex names (checked against the graph on the first update)
     * @param tsne      the t-SNE to run
     * @param every     iterations between updates, {@code >= 1}
     */
    public HiddenTsneListener(StatsStorageRouter router, String sessionId, INDArray features, INDArray labels,
                              List<String> layers, Tsne tsne, int every) {
        super(router, sessionId, RecordTypes.TSNE, every);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: expected at least one layer name");
        }
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("labels: " + labels.size(0) + " rows for " + features.size(0)
                    + " examples");
        }
        this.features = features;
        this.labels = labels;
        this.layers = List.copyOf(layers);
        this.tsne = tsne;
    }

    /** @return {@code {"layers": [names]}}: the layers this listener maps */
    @Override
    protected String staticPayload() {
        return Json.write(Map.of("layers", layers));
    }

    @Override
    protected String payload(ComputationGraph graph, int iteration) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LayerMap m : LayerMaps.compute(graph, features, labels, layers, tsne)) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", m.layer());
            l.put("inter", m.distances().inter());
            l.put("intra", m.distances().intra());
            l.put("ratio", m.distances().ratio());
            double[][] pts = new double[m.points().length][];
            for (int i = 0; i < pts.length; i++) {
                pts[i] = new double[] {round(m.points()[i][0]), round(m.points()[i][1]), m.labels()[i]};
            }
            l.put("points", pts);
            out.add(l);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("iteration", iteration);
        r.put("layers", out);
        return Json.write(r);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
