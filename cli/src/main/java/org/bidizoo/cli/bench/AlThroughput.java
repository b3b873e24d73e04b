package org.bidizoo.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.layers.associated.PipelinedTrainer;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training throughput of an Associated Learning zoo model three ways, on the same real minibatches
 * (a fixed cycle of 20), warm-up then timed repeats, median reported:
 * {@code al-sequential} (the whole training graph, one {@code fit} per minibatch),
 * {@code al-pipelined} ({@link PipelinedTrainer}, one thread per stage),
 * {@code al-pipelined-1stage} (the same block graphs on one thread: the pipelining's own overhead)
 * and {@code bp} (the backprop twin).
 */
public final class AlThroughput {
    /**
     * @param method           method name
     * @param trainSamplesPerS median samples per second
     * @param repeats          every repeat
     * @param cpuPerWall       process CPU seconds per wall-clock second over the timed repeats (2 = two
     *                         cores busy; includes the JVM's own threads)
     */
    public record Row(String method, double trainSamplesPerS, List<Double> repeats, double cpuPerWall) {
    }

    private AlThroughput() {
    }

    /**
     * @param al        the AL model (not its twin)
     * @param data      images
     * @param batch     minibatch size
     * @param warmup    untimed steps
     * @param steps     timed steps per repeat
     * @param repeats   repeats
     * @param pipelined also measure the pipelined trainer
     * @param stages    its threads
     * @return rows in the order sequential, [pipelined, pipelined-1stage,] bp
     */
    public static List<Row> measure(AssociatedZooModel al, LabeledImages data, int batch, int warmup, int steps,
                                    int repeats, boolean pipelined, int stages) {
        if (al.isTwin()) {
            throw new IllegalArgumentException("model " + al.name() + " is a twin; pass the AL model");
        }
        if (batch < 1 || steps < 1 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("batch, steps and repeats must be >= 1 and warm-up >= 0");
        }
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            int[] idx = new int[batch];
            for (int i = 0; i < batch; i++) {
                idx[i] = (b * batch + i) % data.size();
            }
            batches.add(new DataSet(data.features(idx, al.featureLayout()), data.oneHot(idx)));
        }
        List<Row> rows = new ArrayList<>();
        rows.add(graphFit("al-sequential", al, al.init(), batches, batch, warmup, steps, repeats));
        if (pipelined) {
            for (int s : stages > 1 ? new int[] {stages, 1} : new int[] {1}) {
                AssociatedNetwork net = al.network(al.init());
                try (PipelinedTrainer t = new PipelinedTrainer(net, s)) {
                    rows.add(time(s > 1 ? "al-pipelined" : "al-pipelined-1stage",
                            n -> t.fit(cycle(batches, n)), batch, warmup, steps, repeats));
                }
            }
        }
        AssociatedZooModel twin = al.twin();
        rows.add(graphFit("bp", twin, twin.init(), batches, batch, warmup, steps, repeats));
        return rows;
    }

    private static Row graphFit(String method, AssociatedZooModel m, ComputationGraph g, List<DataSet> batches,
                                int batch, int warmup, int steps, int repeats) {
        List<MultiDataSet> mds = new ArrayList<>();
        for (DataSet ds : batches) {
            mds.add(m.trainingBatch(ds.getFeatures(), ds.getLabels(), null));
        }
        return time(method, n -> {
            for (int i = 0; i < n; i++) {
                g.fit(mds.get(i % mds.size()));
            }
        }, batch, warmup, steps, repeats);
    }

    private static java.util.Iterator<DataSet> cycle(List<DataSet> batches, int n) {
        List<DataSet> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(batches.get(i % batches.size()));
        }
        return out.iterator();
    }

    private static Row time(String method, IntConsumer steps, int batch, int warmup, int n, int repeats) {
        if (warmup > 0) {
            steps.accept(warmup);
        }
        List<Double> r = new ArrayList<>();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            steps.accept(n);
            r.add(n * (double) batch / ((System.nanoTime() - t0) / 1e9));
        }
        double cpuPerWall = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
        List<Double> sorted = new ArrayList<>(r);
        Collections.sort(sorted);
        int m = sorted.size();
        double median = m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
        return new Row(method, median, r, cpuPerWall);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
