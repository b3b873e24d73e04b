package org.bidizoo.zoo.analysis.deconv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zeiler and Fergus's figure for one convolution layer: for its most active feature maps, the images
 * that activate each map most and the projection of each image's strongest unit of that map to pixels.
 *
 * <pre>{@code
 * DeconvVisualizer.Result r = DeconvVisualizer.visualize(graph, "conv1", testImages, 9, 16,
 *         BackwardRule.DECONVNET);
 * }</pre>
 */
public final class DeconvVisualizer {
    private static final Logger LOG = LoggerFactory.getLogger(DeconvVisualizer.class);

    private DeconvVisualizer() {
    }

    /**
     * One feature map's strongest images.
     *
     * @param map         the map's index
     * @param hits        the images and their maximum activations, strongest first
     * @param images      those images {@code [top, C, H, W]}
     * @param projections their projections {@code [top, C, H, W]}
     */
    public record MapView(int map, List<TopActivations.Hit> hits, INDArray images, INDArray projections) {
    }

    /**
     * @param layer the projected layer's name
     * @param maps  feature maps in the layer
     * @param views the most active maps, most active first
     */
    public record Result(String layer, int maps, List<MapView> views) {
    }

    /**
     * @param graph    a trained single-input graph
     * @param layer    a convolution layer's name or index
     * @param images   the images to search {@code [n, ...]} in the graph's input layout
     * @param top      images per map, {@code >= 1}
     * @param maxMaps  how many maps to show ({@code >= 1}): those with the largest top activation
     * @param rule     how activations are passed down
     * @return the views
     * @throws IllegalArgumentException naming the parameter and its value when one is out of range, and
     *                                  listing the convolution layers when {@code layer} is not one
     */
    public static Result visualize(ComputationGraph graph, String layer, INDArray images, int top, int maxMaps,
                                   BackwardRule rule) {
        return visualize(graph, layer, images, top, maxMaps, rule, true);
    }

    /**
     * As {@link #visualize(ComputationGraph, String, INDArray, int, int, BackwardRule)}, projecting either each
     * image's strongest unit of the map (Zeiler and Fergus) or the whole map.
     *
     * @param strongestOnly project only the strongest unit of the map (else all of it)
     * @return the views
     */
    public static Result visualize(ComputationGraph graph, String layer, INDArray images, int top, int maxMaps,
                                   BackwardRule rule, boolean strongestOnly) {
        if (top < 1) {
            throw new IllegalArgumentException("top = " + top + ": expected >= 1 images per feature map");
        }
        if (maxMaps < 1) {
            throw new IllegalArgumentException("maps = " + maxMaps + ": expected >= 1 feature maps to show");
        }
        DeconvPath path = DeconvPath.of(graph, layer);
        DeconvProjector projector = new DeconvProjector(path, rule);
        List<List<TopActivations.Hit>> hits = TopActivations.of(graph, path.layer(), images, top);
        List<Integer> order = new ArrayList<>();
        for (int m = 0; m < hits.size(); m++) {
            order.add(m);
        }
        order.sort(Comparator.comparingDouble((Integer m) -> -hits.get(m).get(0).value()).thenComparing(m -> m));
        List<MapView> views = new ArrayList<>();
        for (int m : order.subList(0, Math.min(maxMaps, order.size()))) {
            int[] idx = hits.get(m).stream().mapToInt(TopActivations.Hit::image).toArray();
            INDArray x = Nd4j.pullRows(images.reshape(images.size(0), -1), 1, idx);
            DeconvProjector.Trace t = projector.forward(x.reshape(shapeOf(images, idx.length)));
            INDArray p = projector.project(t, DeconvProjector.mapSignal(t.output(), m, strongestOnly));
            views.add(new MapView(m, hits.get(m), t.input(), p));
        }
        LOG.info("layer {}: projected {} of {} maps, {} images each ({})", path.layer(), views.size(), hits.size(), top,
                rule.cliName());
        return new Result(path.layer(), hits.size(), views);
    }

    private static long[] shapeOf(INDArray images, int n) {
        long[] s = images.shape().clone();
        s[0] = n;
        return s;
    }
}
