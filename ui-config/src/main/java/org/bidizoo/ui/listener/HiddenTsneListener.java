package org.bidizoo.ui.listener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;

import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.zoo.analysis.metrics.ClassDistances;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.bidizoo.zoo.analysis.tsne.LayerMap;
import org.bidizoo.zoo.analysis.tsne.LayerMaps;
import org.bidizoo.zoo.analysis.tsne.Tsne;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts t-SNE maps of chosen layers' activations on a fixed labeled sample, each with its inter/intra
 * class distance ratio (seed 003, Table 3.4).
 *
 * <p>Only the activations are computed on the training thread (one inference pass over the sample); the
 * t-SNE runs on one background thread of its own (its parallel loops confined to that one thread, so that
 * the dashboard takes at most one core from training). When training outpaces it, the newest activations wait
 * and older ones that have not started are dropped. Each map starts from the layer's previous map, so
 * points stay where they were unless the layer moved them.
 */
public final class HiddenTsneListener extends DashboardListener {
    private static final Logger LOG = LoggerFactory.getLogger(HiddenTsneListener.class);

    private final INDArray features;
    private final int[] classes;
    private final List<String> layers;
    private final List<String> classNames;
    private final Tsne tsne;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bidizoo-tsne");
        t.setDaemon(true);
        return t;
    });
    private final ForkJoinPool oneThread = new ForkJoinPool(1);
    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private final Map<String, double[][]> previous = new HashMap<>();
    private int dropped;

    /**
     * @param router     where records go
     * @param sessionId  the session ID
     * @param features   the fixed sample {@code [n, ...]} in the graph's input layout, {@code n >= 4}
     * @param labels     its classes {@code [n]} or one-hot {@code [n, classes]}
     * @param classNames the name of each class (legend), e.g. digits or Fashion-MNIST's names
     * @param layers     layer or vertex names (checked against the graph on the first update)
     * @param tsne       the t-SNE to run
     * @param every      iterations between updates, {@code >= 1}
     */
    public HiddenTsneListener(StatsStorageRouter router, String sessionId, INDArray features, INDArray labels,
                              List<String> classNames, List<String> layers, Tsne tsne, int every) {
        super(router, sessionId, RecordTypes.TSNE, every);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: expected at least one layer name");
        }
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("labels: " + labels.size(0) + " rows for " + features.size(0)
                    + " examples");
        }
        this.features = features;
        this.classes = ClassDistances.Classes.of(labels);
        int max = 0;
        for (int c : classes) {
            max = Math.max(max, c);
        }
        if (classNames.size() <= max) {
            throw new IllegalArgumentException("classNames: " + classNames.size() + " names for class indices up to "
                    + max);
        }
        this.classNames = List.copyOf(classNames);
        this.layers = List.copyOf(layers);
        this.tsne = tsne;
    }

    /** @return {@code {"layers": [names], "classes": [names]}}: the layers this listener maps, the legend */
    @Override
    protected String staticPayload() {
        return Json.write(Map.of("layers", layers, "classes", classNames));
    }

    /**
     * Takes the activations now (on the caller's thread) and maps them on the background thread.
     *
     * @param graph     the graph being trained
     * @param iteration the iteration to label the maps with
     */
    @Override
    public void post(ComputationGraph graph, int iteration) {
        Map<String, INDArray> acts = LayerActivations.of(view(graph), features, layers);
        if (pending.getAndSet(() -> publish(iteration, json(iteration, acts))) != null) {
            dropped++;
            LOG.debug("t-SNE still busy at iteration {}: {} older updates dropped so far", iteration, dropped);
        }
        worker.execute(() -> {
            Runnable job = pending.getAndSet(null);
            if (job != null) {
                oneThread.submit(job).join();
            }
        });
    }

    /**
     * Waits until every update handed to the background thread has been posted.
     *
     * @throws IllegalStateException if a t-SNE failed or the wait was interrupted
     */
    @Override
    public void flush() {
        try {
            worker.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the t-SNE thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("t-SNE thread failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    protected String payload(ComputationGraph graph, int iteration) {
        return json(iteration, LayerActivations.of(graph, features, layers));
    }

    private String json(int iteration, Map<String, INDArray> activations) {
        long t0 = System.nanoTime();
        List<Map<String, Object>> out = new ArrayList<>();
        List<LayerMap> maps;
        synchronized (previous) {
            maps = LayerMaps.compute(activations, classes, tsne, previous);
            for (LayerMap m : maps) {
                previous.put(m.layer(), m.points());
            }
        }
        for (LayerMap m : maps) {
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
        r.put("classes", classNames);
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        r.put("layers", out);
        return Json.write(r);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
