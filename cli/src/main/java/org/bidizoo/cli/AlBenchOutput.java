package org.bidizoo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.source.Split;
import org.bidizoo.cli.bench.AlThroughput;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.nd4j.linalg.factory.Nd4j;

/** {@code bidizoo bench al-mlp [--pipelined]}: AL sequential, pipelined and BP training throughput. */
final class AlBenchOutput {
    private AlBenchOutput() {
    }

    static Map<String, Object> run(AssociatedZooModel al, int batch, int warmup, int steps, int repeats,
                                   boolean pipelined, int stages, StringBuilder text) throws IOException {
        String loadBefore = loadAverage();
        List<AlThroughput.Row> rows = AlThroughput.measure(al, ImageDatasets.load("mnist", Split.TRAIN), batch, warmup,
                steps, repeats, pipelined, stages);
        List<Map<String, Object>> results = new ArrayList<>();
        text.append(String.format("%s training throughput (batch %d, %d ND4J threads, load %s):%n", al.name(), batch,
                Nd4j.getEnvironment().maxThreads(), loadBefore));
        for (AlThroughput.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("train_samples_per_s", r.trainSamplesPerS());
            m.put("repeats", r.repeats());
            m.put("cpu_seconds_per_second", r.cpuPerWall());
            results.add(m);
            text.append(String.format("  %-20s %8.0f samples/s, %.2f CPU s/s%n", r.method(), r.trainSamplesPerS(),
                    r.cpuPerWall()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", al.name());
        j.put("batch", batch);
        j.put("threads", Nd4j.getEnvironment().maxThreads());
        j.put("stages", stages);
        j.put("cores", Runtime.getRuntime().availableProcessors());
        j.put("load_average_before", loadBefore);
        j.put("load_average_after", loadAverage());
        j.put("results", results);
        return j;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
