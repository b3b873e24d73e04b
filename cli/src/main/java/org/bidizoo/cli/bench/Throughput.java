package org.bidizoo.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.runtime.NativeTeam;
import org.bidizoo.layers.runtime.NativeThreads;
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
        checkSizes(batch, inferBatch, warmup, steps, repeats);
        try (NativeTeam.Scope team = usage.narrowTeam() ? NativeTeam.narrow() : NativeTeam.Scope.NESTED) {
            Session s = new Session(spec, data, batch, inferBatch, steps, usage.outputWorkspace());
            s.warmUp(warmup);
            Timings t = new Timings();
            for (int r = 0; r < repeats; r++) {
                s.timeTraining(t);
            }
            s.warmUpInference(warmup);
            for (int r = 0; r < repeats; r++) {
                s.timeInference(t);
            }
            return t.result();
        }
    }

    /**
     * The same measurement for several thread counts in one process, their repeats taken in turn (A B A B):
     * this VM's process-to-process spread (about ±15%) is larger than the differences between thread counts,
     * while repeats inside one process differ by a few percent. Before each repeat
     * {@link NativeThreads#set} sets the count; the training loop's {@link NativeTeam#narrow()} scope (when
     * {@code usage} asks for it) is opened after that, per repeat.
     *
     * <p>One setting stays with the process: libnd4j's own element-wise pool keeps the size it took from
     * {@code OMP_NUM_THREADS} at start-up (libnd4j 1.0.0-M2.1 ignores later calls), so start the JVM with the
     * largest count compared.
     *
     * @param threads the thread counts, each {@code >= 1}, at least one
     * @return one result per thread count, in the order given
     */
    public static Map<Integer, Result> measureAlternating(BidizooModel spec, LabeledImages data, int batch,
                                                          int inferBatch, int warmup, int steps, int repeats,
                                                          Usage usage, List<Integer> threads) {
        checkSizes(batch, inferBatch, warmup, steps, repeats);
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t == null || t < 1)) {
            throw new IllegalArgumentException("threads = " + threads + ", expected one or more counts >= 1");
        }
        Session s = new Session(spec, data, batch, inferBatch, steps, usage.outputWorkspace());
        Map<Integer, Timings> timings = new LinkedHashMap<>();
        for (int t : threads) {
            timings.put(t, new Timings());
        }
        int share = Math.max(1, warmup / timings.size());
        for (int t : timings.keySet()) {
            NativeThreads.set(t);
            try (NativeTeam.Scope team = usage.narrowTeam() ? NativeTeam.narrow() : NativeTeam.Scope.NESTED) {
                s.warmUp(share);
                s.warmUpInference(share);
            }
        }
        for (int r = 0; r < repeats; r++) {
            for (Map.Entry<Integer, Timings> e : timings.entrySet()) {
                NativeThreads.set(e.getKey());
                try (NativeTeam.Scope team = usage.narrowTeam() ? NativeTeam.narrow() : NativeTeam.Scope.NESTED) {
                    s.timeTraining(e.getValue());
                    s.timeInference(e.getValue());
                }
            }
        }
        Map<Integer, Result> out = new LinkedHashMap<>();
        timings.forEach((t, v) -> out.put(t, v.result()));
        return out;
    }

    private static void checkSizes(int batch, int inferBatch, int warmup, int steps, int repeats) {
        if (batch < 1 || inferBatch < 1 || steps < 1 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("batch = " + batch + ", infer batch = " + inferBatch + ", steps = "
                    + steps + ", repeats = " + repeats + ", warm-up = " + warmup
                    + ": expected batch, infer batch, steps and repeats >= 1 and warm-up >= 0");
        }
    }

    /** A graph, its training minibatches and inference inputs, and the loops that time them. */
    private static final class Session {
        private static final int CYCLE = 20;
        private final ComputationGraph g;
        private final List<MultiDataSet> batches = new ArrayList<>();
        private final List<INDArray> inputs = new ArrayList<>();
        private final int batch;
        private final int inferBatch;
        private final int steps;
        private final int inferSteps;
        private final boolean outputWorkspace;
        private int next;

        Session(BidizooModel spec, LabeledImages data, int batch, int inferBatch, int steps, boolean outputWorkspace) {
            this.g = spec.init();
            this.batch = batch;
            this.inferBatch = inferBatch;
            this.steps = steps;
            this.inferSteps = Math.max(10, steps / 3);
            this.outputWorkspace = outputWorkspace;
            for (int b = 0; b < CYCLE; b++) {
                int[] idx = indices(b * batch, batch, data.size());
                batches.add(spec.trainingBatch(data.features(idx, spec.featureLayout()), data.oneHot(idx), null));
            }
            for (int b = 0; b < 4; b++) {
                inputs.add(data.features(indices(b * inferBatch, inferBatch, data.size()), spec.featureLayout()));
            }
        }

        void warmUp(int n) {
            for (int i = 0; i < n; i++) {
                fitNext();
            }
        }

        void warmUpInference(int warmup) {
            for (int i = 0; i < Math.max(5, warmup / 2); i++) {
                infer(g, inputs.get(i % inputs.size()), outputWorkspace);
            }
        }

        void timeTraining(Timings t) {
            long c0 = threadCpuNanos();
            long p0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                fitNext();
            }
            t.train.add(steps * (double) batch / ((System.nanoTime() - t0) / 1e9));
            t.threadCpu.add((threadCpuNanos() - c0) / 1e6 / steps);
            t.processCpu.add((processCpuNanos() - p0) / 1e6 / steps);
        }

        void timeInference(Timings t) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inferSteps; i++) {
                infer(g, inputs.get(i % inputs.size()), outputWorkspace);
            }
            t.infer.add(inferSteps * (double) inferBatch / ((System.nanoTime() - t0) / 1e9));
        }

        private void fitNext() {
            g.fit(batches.get(next));
            next = (next + 1) % CYCLE;
        }
    }

    /** The repeats of one measurement. */
    private static final class Timings {
        final List<Double> train = new ArrayList<>();
        final List<Double> infer = new ArrayList<>();
        final List<Double> threadCpu = new ArrayList<>();
        final List<Double> processCpu = new ArrayList<>();

        Result result() {
            return new Result(median(train), median(infer), train, infer, peakRssMb(), median(threadCpu),
                    median(processCpu));
        }
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
