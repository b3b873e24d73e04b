package org.bidizoo.ui.listener;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.inversion.NetworkInverse;
import org.bidizoo.ui.image.ImageGrid;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Posts a fixed batch x next to its inversion J(x)ᵀ f(x) (seed 002), where f is the pre-activation of a
 * dense or output layer (a classifier's logits), computed by {@link NetworkInverse} on a cut copy of the
 * graph. Each inverted image is stretched to [0, 1] on its own (min to max) for display; the record keeps
 * the cosine between x and J(x)ᵀ f(x), averaged over the batch.
 */
public final class InversionListener extends DashboardListener {
    private final INDArray features;
    private final int channels;
    private final int height;
    private final int width;
    private final String layer;

    /**
     * @param router    where records go
     * @param sessionId the session ID
     * @param features  the fixed batch {@code [n, ...]} in the graph's input layout, values in [0, 1]
     * @param channels  image channels
     * @param height    image height
     * @param width     image width
     * @param layer     the dense or output layer whose pre-activation is f (see {@link #defaultLayer})
     * @param every     iterations between updates, {@code >= 1}
     */
    public InversionListener(StatsStorageRouter router, String sessionId, INDArray features, int channels, int height,
                             int width, String layer, int every) {
        super(router, sessionId, RecordTypes.INVERSION, every);
        long per = features.length() / features.size(0);
        if ((long) channels * height * width != per) {
            throw new IllegalArgumentException("images: " + channels + "x" + height + "x" + width
                    + " does not match " + per + " values per example");
        }
        this.features = features;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.layer = layer;
    }

    /**
     * @param graph a single-input graph
     * @return the network output with the fewest units (a classifier's logits) among those that are dense or
     *         output layers with weights {@code W}, or null if it has none
     */
    public static String defaultLayer(ComputationGraph graph) {
        if (graph.getConfiguration().getNetworkInputs().size() != 1) {
            return null;
        }
        String best = null;
        long fewest = Long.MAX_VALUE;
        for (String out : graph.getConfiguration().getNetworkOutputs()) {
            if (graph.getConfiguration().getVertices().get(out) instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof FeedForwardLayer ff && !(ff instanceof LossLayer)
                    && graph.getLayer(out).paramTable().containsKey("W") && ff.getNOut() < fewest) {
                best = out;
                fewest = ff.getNOut();
            }
        }
        return best;
    }

    @Override
    protected String payload(ComputationGraph graph, int iteration) {
        INDArray inv = NetworkInverse.invert(graph, layer, features);
        long n = features.size(0);
        INDArray x = features.reshape('c', n, features.length() / n).castTo(inv.dataType());
        INDArray flat = inv.reshape('c', n, inv.length() / n).dup();
        INDArray min = flat.min(1).reshape(n, 1);
        INDArray span = flat.max(1).reshape(n, 1).sub(min).addi(1e-12);
        INDArray shown = flat.subColumnVector(min).diviColumnVector(span);
        INDArray cos = x.mul(flat).sum(1).divi(x.norm2(1).muli(flat.norm2(1)).addi(1e-12));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("iteration", iteration);
        r.put("layer", layer);
        double cosine = cos.meanNumber().doubleValue();
        r.put("cosine", cosine);
        r.put("summary", String.format(java.util.Locale.ROOT, "layer %s, mean cosine(x, J(x)ᵀ f(x)) %.4f", layer,
                cosine));
        r.put("rows", List.of(ImageGrid.galleryRow("input", x, channels, height, width),
                ImageGrid.galleryRow("inversion", shown, channels, height, width)));
        return Json.write(r);
    }

}
