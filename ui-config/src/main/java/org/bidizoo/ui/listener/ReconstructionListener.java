package org.bidizoo.ui.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.ui.image.ImageGrid;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Posts a gallery of a fixed batch: the inputs and the graph's reconstructions of them, and, when an
 * occluded copy is given, the occluded inputs and their recall (the reconstruction of the occluded
 * input with the visible pixels kept). Any graph with a vertex whose output has the input's size will
 * do; by default the first network output of that size.
 */
public final class ReconstructionListener extends DashboardListener {
    private final INDArray features;
    private final INDArray occluded;
    private final INDArray mask;
    private final int channels;
    private final int height;
    private final int width;
    private final String vertex;

    private ReconstructionListener(Builder b) {
        super(b.router, b.sessionId, RecordTypes.RECONSTRUCTIONS, b.every);
        this.features = b.features;
        this.occluded = b.occluded;
        this.mask = b.mask;
        this.channels = b.channels;
        this.height = b.height;
        this.width = b.width;
        this.vertex = b.vertex;
    }

    /**
     * @param router    where records go
     * @param sessionId the session ID
     * @return a builder
     */
    public static Builder builder(StatsStorageRouter router, String sessionId) {
        return new Builder(router, sessionId);
    }

    /**
     * @param graph    a graph
     * @param features a batch in its input layout
     * @return the first network output whose per-example size is the input's
     * @throws IllegalArgumentException if none is (the message lists the outputs, their sizes and the vertices)
     */
    public static String defaultVertex(ComputationGraph graph, INDArray features) {
        long input = features.length() / features.size(0);
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        INDArray[] out = graph.output(false, features.get(NDArrayIndex.interval(0, 1)));
        List<String> sizes = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (out[i].length() == input) {
                return outputs.get(i);
            }
            sizes.add(outputs.get(i) + "=" + out[i].length());
        }
        throw new IllegalArgumentException("the graph has no output of the input's size " + input + " (outputs: "
                + sizes + "); name the reconstruction vertex, one of " + LayerActivations.names(graph));
    }

    @Override
    protected String payload(ComputationGraph graph, int iteration) {
        String v = vertex != null ? vertex : defaultVertex(graph, features);
        INDArray recon = LayerActivations.of(graph, features, List.of(v)).get(v);
        Map<String, Object> r = gallery(iteration, "vertex", v, features, recon, channels, height, width);
        if (occluded != null) {
            INDArray seen = LayerActivations.of(graph, occluded, List.of(v)).get(v);
            INDArray m = mask.reshape('c', mask.size(0), mask.length() / mask.size(0)).castTo(seen.dataType());
            INDArray obs = occluded.reshape('c', occluded.size(0), occluded.length() / occluded.size(0))
                    .castTo(seen.dataType());
            INDArray recall = obs.mul(m.rsub(1.0)).addi(seen.mul(m));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) r.get("rows");
            rows.add(ImageGrid.galleryRow("occluded", occluded, channels, height, width));
            rows.add(ImageGrid.galleryRow("recall", recall, channels, height, width));
        }
        return Json.write(r);
    }

    /**
     * The reconstruction page's record: the inputs and their reconstructions as two gallery rows, and the MSE.
     *
     * @param iteration the iteration
     * @param what      the name of the source field ({@code vertex} for a graph)
     * @param source    what reconstructed (a vertex name, a model name)
     * @param features  the inputs {@code [n, ...]}, values in [0, 1]
     * @param recon     their reconstructions, {@code n * channels * height * width} values
     * @param channels  image channels
     * @param height    image height
     * @param width     image width
     * @return the record's fields; more rows may be added to its mutable {@code rows} list
     */
    static Map<String, Object> gallery(int iteration, String what, String source, INDArray features, INDArray recon,
                                       int channels, int height, int width) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(ImageGrid.galleryRow("input", features, channels, height, width));
        rows.add(ImageGrid.galleryRow("reconstruction", recon, channels, height, width));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("iteration", iteration);
        r.put(what, source);
        INDArray flat = features.reshape('c', features.size(0), features.length() / features.size(0));
        double mse = flat.squaredDistance(recon.reshape('c', flat.shape()).castTo(flat.dataType())) / flat.length();
        r.put("mse", mse);
        r.put("summary", String.format(java.util.Locale.ROOT, "%s %s, reconstruction MSE %.5f", what, source, mse));
        r.put("rows", rows);
        return r;
    }


    /** Settings; {@link #build()} validates them. */
    public static final class Builder {
        private final StatsStorageRouter router;
        private final String sessionId;
        private INDArray features;
        private INDArray occluded;
        private INDArray mask;
        private int channels;
        private int height;
        private int width;
        private String vertex;
        private int every = 50;

        private Builder(StatsStorageRouter router, String sessionId) {
            this.router = router;
            this.sessionId = sessionId;
        }

        /**
         * @param x        the fixed batch {@code [n, ...]} in the graph's input layout, values in [0, 1]
         * @param channels image channels (1 or 3)
         * @param height   image height
         * @param width    image width
         * @return this
         */
        public Builder images(INDArray x, int channels, int height, int width) {
            this.features = x;
            this.channels = channels;
            this.height = height;
            this.width = width;
            return this;
        }

        /**
         * @param x    the same batch occluded, same shape
         * @param mask 1 where hidden, 0 where visible, same number of values
         * @return this
         */
        public Builder occluded(INDArray x, INDArray mask) {
            this.occluded = x;
            this.mask = mask;
            return this;
        }

        /** @param name the vertex whose output is the reconstruction (default: found by size) @return this */
        public Builder vertex(String name) {
            this.vertex = name;
            return this;
        }

        /** @param iterations between updates, {@code >= 1} (default 50) @return this */
        public Builder every(int iterations) {
            this.every = iterations;
            return this;
        }

        /** @return the listener */
        public ReconstructionListener build() {
            if (features == null) {
                throw new IllegalArgumentException("images: the fixed batch is required");
            }
            long per = features.length() / features.size(0);
            if ((long) channels * height * width != per) {
                throw new IllegalArgumentException("images: " + channels + "x" + height + "x" + width
                        + " does not match " + per + " values per example");
            }
            if (occluded != null && (occluded.length() != features.length() || mask.length() != features.length())) {
                throw new IllegalArgumentException("occluded: expected the batch's shape for the occluded images"
                        + " and the mask");
            }
            return new ReconstructionListener(this);
        }
    }
}
