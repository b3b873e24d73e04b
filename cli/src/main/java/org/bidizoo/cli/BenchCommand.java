package org.bidizoo.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.layers.runtime.NativeThreads;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.Split;
import org.bidizoo.cli.bench.Throughput;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.InversionArchitecture;
import org.bidizoo.zoo.model.InversionModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.nd4j.linalg.factory.Nd4j;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo bench MODEL}: throughput beside the PyTorch peer's. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training and inference throughput on real MNIST batches (Adam, float32), median of repeats"
                + " after warm-up. Models: lmser-dense, ae-dense, lmser-conv, smallcnn, inversion-smallcnn, and any zoo"
                + " model name.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Parameters(paramLabel = "MODEL", description = "lmser-dense, ae-dense, lmser-conv, fcn, cnn, smallcnn (the peer's,"
            + " cross-entropy only), inversion-smallcnn (the same with the reconstruction loss on, as the peer's smallcnn_jt)")
    String model;
    @Option(names = "--batch", defaultValue = "50", description = "Training minibatch (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--infer-batch", defaultValue = "500", description = "Inference minibatch (default: ${DEFAULT-VALUE}).")
    int inferBatch;
    @Option(names = "--threads", description = "ND4J/BLAS threads, set by NativeThreads.set (default: OMP_NUM_THREADS,"
            + " which ./bidizoo sets to 1; without it, ND4J's defaults as in an application that embeds the layers).")
    Integer threads;
    @Option(names = "--steps", defaultValue = "300", description = "Timed training steps per repeat (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--warmup", defaultValue = "300", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE};"
            + " enough for the JIT compiler to finish with the dense models' step).")
    int warmup;
    @Option(names = "--repeats", defaultValue = "3", description = "Timed repeats (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--plain-fit", description = "Train without NativeTeam.narrow() around the loop, as an application"
            + " that does not make the README's call (default: off).")
    boolean plainFit;
    @Option(names = "--detached-output", description = "Infer with output(x), which detaches a fresh array per call,"
            + " instead of into a reused output workspace (default: off).")
    boolean detachedOutput;
    @Option(names = "--alternate-threads", split = ",", paramLabel = "N,M", description = "Measure these thread"
            + " counts in one process, repeats in turn (A B A B), each set by NativeThreads.set: this machine's"
            + " spread between processes is larger than the differences between thread counts. Start the JVM with"
            + " OMP_NUM_THREADS at the largest count (libnd4j's element-wise pool keeps its start-up size).")
    List<Integer> alternateThreads;
    @Option(names = "--pipelined", description = "Associated Learning models (al-mlp, al-cnn): also time the pipelined"
            + " trainer (blocks on separate threads).")
    boolean pipelined;
    @Option(names = "--stages", defaultValue = "2", description = "Threads of the pipelined trainer (default: ${DEFAULT-VALUE}).")
    int stages;

    @Override
    public Integer call() throws Exception {
        String env = System.getenv("OMP_NUM_THREADS");
        // what chose the thread count: --threads (NativeThreads.set), the environment (./bidizoo sets
        // OMP_NUM_THREADS=1), or nothing (ND4J's defaults, as in an application that embeds the layers)
        String setting = threads != null ? "threads-call" : env != null ? "omp-env" : "nd4j-defaults";
        if (threads != null) {
            NativeThreads.set(threads);
        }
        if (model.startsWith("al-") && ZooRegistry.create(model, null, ModelSettings.builder().build())
                instanceof org.bidizoo.zoo.model.AssociatedZooModel al && !al.isTwin()) {
            StringBuilder text = new StringBuilder();
            Map<String, Object> j = AlBenchOutput.run(al, batch, warmup, steps, repeats, pipelined, stages, text);
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
            return 0;
        }
        BidizooModel m = switch (model) {
            case "ae-dense" -> ZooRegistry.create("lmser-dense", LmserVariant.AE, ModelSettings.builder().build());
            // the peer's smallcnn_jt: CE + MSE(J(x)^T logits, x), here 0.5 CE + 0.5 MSE (same work)
            case "inversion-smallcnn" -> InversionModel.builder(InversionArchitecture.PEER_SMALLCNN)
                    .settings(ModelSettings.builder().build()).pool(InvertibleStep.Pool.MAX).alpha(0.5).beta(1.0)
                    .build();
            // the peer's smallcnn: cross-entropy only
            case "smallcnn" -> InversionModel.builder(InversionArchitecture.PEER_SMALLCNN)
                    .settings(ModelSettings.builder().build()).pool(InvertibleStep.Pool.MAX).alpha(1.0).beta(0.0)
                    .build();
            default -> ZooRegistry.create(model, null, ModelSettings.builder().build());
        };
        LabeledImages data = ImageDatasets.load("mnist", Split.TRAIN);
        Throughput.Usage usage = new Throughput.Usage(!plainFit, !detachedOutput);
        if (alternateThreads != null) {
            if (threads != null) {
                throw new IllegalArgumentException("--threads = " + threads + " and --alternate-threads = "
                        + alternateThreads + ": expected one of them");
            }
            for (int t : alternateThreads) {
                if (t < 1) {
                    throw new IllegalArgumentException("--alternate-threads = " + alternateThreads
                            + ": expected thread counts >= 1");
                }
            }
            Map<Integer, Throughput.Result> rs = Throughput.measureAlternating(m, data, batch, inferBatch, warmup, steps,
                    repeats, usage, alternateThreads);
            printAlternating(rs, setting);
            return 0;
        }
        Throughput.Result r = Throughput.measure(m, data, batch, inferBatch, warmup, steps, repeats, usage);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model);
        j.put("batch", batch);
        j.put("infer_batch", inferBatch);
        j.put("threads", NativeThreads.current());
        j.put("setting", setting);
        j.put("narrowed_team", !plainFit);
        j.put("output_workspace", !detachedOutput);
        j.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        j.put("train_samples_per_s", r.trainSamplesPerS());
        j.put("infer_samples_per_s", r.inferSamplesPerS());
        j.put("train_repeats", r.trainRepeats());
        j.put("infer_repeats", r.inferRepeats());
        j.put("peak_rss_mb", r.peakRssMb());
        j.put("train_thread_cpu_ms_per_step", r.trainThreadCpuMs());
        j.put("train_process_cpu_ms_per_step", r.trainProcessCpuMs());
        j.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        String text = String.format("%s: train %.0f samples/s (batch %d), inference %.0f samples/s (batch %d),"
                        + " %d threads, peak RSS %.0f MB", model, r.trainSamplesPerS(), batch, r.inferSamplesPerS(),
                inferBatch, Nd4j.getEnvironment().maxThreads(), r.peakRssMb());
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text);
        return 0;
    }

    /** One row per thread count, and each count's repeats against the first count's, repeat by repeat. */
    private void printAlternating(Map<Integer, Throughput.Result> rs, String setting) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(model + ", thread counts alternated in one process:");
        Throughput.Result first = rs.values().iterator().next();
        for (Map.Entry<Integer, Throughput.Result> e : rs.entrySet()) {
            Throughput.Result r = e.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", e.getKey());
            row.put("train_samples_per_s", r.trainSamplesPerS());
            row.put("infer_samples_per_s", r.inferSamplesPerS());
            row.put("train_repeats", r.trainRepeats());
            row.put("infer_repeats", r.inferRepeats());
            row.put("train_ratio_repeats", ratios(r.trainRepeats(), first.trainRepeats()));
            row.put("infer_ratio_repeats", ratios(r.inferRepeats(), first.inferRepeats()));
            row.put("train_thread_cpu_ms_per_step", r.trainThreadCpuMs());
            row.put("train_process_cpu_ms_per_step", r.trainProcessCpuMs());
            rows.add(row);
            text.append(String.format("%n  %d thread(s): train %.0f samples/s, inference %.0f samples/s", e.getKey(),
                    r.trainSamplesPerS(), r.inferSamplesPerS()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model);
        j.put("batch", batch);
        j.put("infer_batch", inferBatch);
        j.put("setting", "alternating");
        j.put("start_setting", setting);
        j.put("narrowed_team", !plainFit);
        j.put("output_workspace", !detachedOutput);
        j.put("alternating", rows);
        j.put("peak_rss_mb", first.peakRssMb());
        j.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString());
    }

    private static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) / b.get(i));
        }
        return out;
    }
}
