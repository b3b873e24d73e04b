package org.bidizoo.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.runtime.NativeTeam;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training and inference throughput of a zoo model on real images, measured like the PyTorch peer:
 * warm-up steps, then timed repeats, reporting the median. Training: Adam, one {@code fit} per
 * minibatch over a fixed cycle of distinct minibatches. Inference: {@code output} on minibatches.
 *
 * <p>By default both loops are written the way the README tells an application to write them: training
 * inside one {@link NativeTeam#narrow()} scope (as {@code TrainingLoop} does), inference into a reused
 * output workspace ({@code ComputationGraph.output(boolean, MemoryWorkspace, INDArray...)}). {@link Usage}
 * turns either off to measure plain DL4J calls.
 */
public final class Throughput {
    /**
     * @param trainSamplesPerS median training samples per second
     * @param inferSamplesPerS median inference samples per second
     * @param trainRepeats     every training repeat
     * @param inferRepeats     every inference repeat
     * @param peakRssMb        the process's peak resident memory (VmHWM) in MB, or -1 if unknown
     * @param trainThreadCpuMs median CPU milliseconds per training step of the thread that calls {@code fit}:
     *                         with one ND4J/BLAS thread that is all the step's work, and unlike wall time it
     *                         does not grow when other processes share the cores; with more threads it
     *                         misses the pool threads' share
     * @param trainProcessCpuMs median CPU milliseconds per training step of the whole process (every thread,
     *                         the JIT compiler and garbage collector included)
     */
    public record Result(double trainSamplesPerS, double inferSamplesPerS, List<Double> trainRepeats,
                         List<Double> inferRepeats, double peakRssMb, double trainThreadCpuMs,
                         double trainProcessCpuMs) {
    }

    /**
     * How the measured loops call DL4J.
     *
     * @param narrowTeam      train inside a {@link NativeTeam#narrow()} scope
     * @param outputWorkspace infer into a reused output workspace instead of detached arrays
     */
    public record Usage(boolean narrowTeam, boolean outputWorkspace) {
    }

    private static final WorkspaceConfiguration OUTPUT_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP).build();

    private Throughput() {
    }

    /**
     * @param spec        the zoo model (a fresh graph is built)
     * @param data        images to draw minibatches from (first ones)
     * @param batch       training minibatch size
     * @param inferBatch  inference minibatch size
     * @param warmup      untimed steps before timing
     * @param steps       timed steps per repeat
     * @param repeats     repeats
     * @param usage       how the loops call DL4J
     * @return the measurements
     */
    public static Result measure(BidizooModel spec, LabeledImages data, int batch, int inferBatch, int warmup, int steps,
                                 int repeats, Usage usage) {
        if (batch < 1 || inferBatch < 1 || steps < 1 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("batch, infer batch, steps and repeats must be >= 1 and warm-up >= 0");
        }
        try (NativeTeam.Scope team = usage.narrowTeam() ? NativeTeam.narrow() : NativeTeam.Scope.NESTED) {
            return time(spec, data, batch, inferBatch, warmup, steps, repeats, usage.outputWorkspace());
        }
    }

    private static Result time(BidizooModel spec, LabeledImages data, int batch, int inferBatch, int warmup, int steps,
                               int repeats, boolean outputWorkspace) {
        ComputationGraph g = spec.init();
        int cycle = 20;
        List<MultiDataSet> batches = new ArrayList<>();
        for (int b = 0; b < cycle; b++) {
            int[] idx = indices(b * batch, batch, data.size());
            batches.add(spec.trainingBatch(data.features(idx, spec.featureLayout()), data.oneHot(idx), null));
        }
        for (int i = 0; i < warmup; i++) {
            g.fit(batches.get(i % cycle));
        }
        List<Double> train = new ArrayList<>();
        List<Double> threadCpu = new ArrayList<>();
        List<Double> processCpu = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long c0 = threadCpuNanos();
            long p0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                g.fit(batches.get(i % cycle));
            }
            train.add(steps * (double) batch / ((System.nanoTime() - t0) / 1e9));
            threadCpu.add((threadCpuNanos() - c0) / 1e6 / steps);
            processCpu.add((processCpuNanos() - p0) / 1e6 / steps);
        }
        List<INDArray> inputs = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            inputs.add(data.features(indices(b * inferBatch, inferBatch, data.size()), spec.featureLayout()));
        }
        int inferSteps = Math.max(10, steps / 3);
        for (int i = 0; i < Math.max(5, warmup / 2); i++) {
            infer(g, inputs.get(i % inputs.size()), outputWorkspace);
        }
        List<Double> infer = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inferSteps; i++) {
                infer(g, inputs.get(i % inputs.size()), outputWorkspace);
            }
            infer.add(inferSteps * (double) inferBatch / ((System.nanoTime() - t0) / 1e9));
        }
        return new Result(median(train), median(infer), train, infer, peakRssMb(), median(threadCpu),
                median(processCpu));
    }

    /** One inference minibatch; with the workspace, the outputs live until the workspace is reopened. */
    private static void infer(ComputationGraph g, INDArray x, boolean outputWorkspace) {
        if (!outputWorkspace) {
            g.output(false, x);
            return;
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(OUTPUT_WORKSPACE, "BENCH_OUTPUT")) {
            g.output(false, ws, x);
        }
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static int[] indices(int start, int n, int size) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (start + i) % size;
        }
        return idx;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** @return VmHWM of this process in MB (Linux), or -1 */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
