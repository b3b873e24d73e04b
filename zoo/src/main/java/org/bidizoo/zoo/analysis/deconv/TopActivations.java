package org.bidizoo.zoo.analysis.deconv;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The images that activate each feature map of a convolution layer most: for each map, the {@code top}
 * images with the largest maximum over the map's positions, from the network's own inference-mode
 * {@code feedForward}.
 */
public final class TopActivations {
    private static final int CHUNK = 500;

    private TopActivations() {
    }

    /**
     * One image's strongest response in one map.
     *
     * @param image index of the image
     * @param value the map's largest activation on it
     */
    public record Hit(int image, double value) {
    }

    /**
     * @param graph  a single-input graph
     * @param layer  a layer name whose output is {@code [b, maps, h, w]}
     * @param images {@code [n, ...]} in the graph's input layout
     * @param top    images per map, {@code >= 1}
     * @return per map, the hits, strongest first
     * @throws IllegalArgumentException naming {@code top} if it is below 1
     */
    public static List<List<Hit>> of(ComputationGraph graph, String layer, INDArray images, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top = " + top + ": expected >= 1 images per feature map");
        }
        List<PriorityQueue<Hit>> best = new ArrayList<>();
        long n = images.size(0);
        for (long from = 0; from < n; from += CHUNK) {
            long to = Math.min(n, from + CHUNK);
            INDArray chunk = images.get(NDArrayIndex.interval(from, to));
            INDArray a = graph.feedForward(chunk, false).get(layer);
            if (a == null || a.rank() != 4) {
                throw new IllegalArgumentException("layer '" + layer + "': output "
                        + (a == null ? "missing" : java.util.Arrays.toString(a.shape())) + "; expected [b, maps, h, w]");
            }
            INDArray maxima = a.reshape('c', a.size(0), a.size(1), a.size(2) * a.size(3)).max(2);
            if (best.isEmpty()) {
                for (long m = 0; m < a.size(1); m++) {
                    best.add(new PriorityQueue<>((p, q) -> Double.compare(p.value(), q.value())));
                }
            }
            for (int i = 0; i < maxima.size(0); i++) {
                for (int m = 0; m < maxima.size(1); m++) {
                    PriorityQueue<Hit> q = best.get(m);
                    double v = maxima.getDouble(i, m);
                    if (q.size() < top) {
                        q.add(new Hit((int) (from + i), v));
                    } else if (v > q.peek().value()) {
                        q.poll();
                        q.add(new Hit((int) (from + i), v));
                    }
                }
            }
        }
        List<List<Hit>> out = new ArrayList<>();
        for (PriorityQueue<Hit> q : best) {
            List<Hit> hits = new ArrayList<>(q);
            hits.sort((p, r) -> p.value() != r.value() ? Double.compare(r.value(), p.value())
                    : Integer.compare(p.image(), r.image()));
            out.add(hits);
        }
        return out;
    }
}
