package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.ui.image.ScatterPlot;
import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.zoo.analysis.metrics.Trustworthiness;
import org.bidizoo.zoo.analysis.tsne.LayerMap;
import org.bidizoo.zoo.analysis.tsne.LayerMaps;
import org.bidizoo.zoo.analysis.tsne.MapCsv;
import org.bidizoo.zoo.analysis.tsne.Tsne;
import org.bidizoo.zoo.train.DataSplits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seed 003's Figs 3.6-3.7 and Table 3.4 for any model: t-SNE maps ({@link LayerMaps}) of the raw input and chosen
 * layers on the first test images, as PNGs coloured by class and CSV files, with each layer's inter/intra-class
 * distances and, if asked, the maps' trustworthiness against the layers' activations.
 */
public final class TsneMaps {
    private TsneMaps() {
    }

    /**
     * @param model      a model zip or a zoo name ({@link LayerMapModels#load})
     * @param layers     layer or vertex names (the raw input is always mapped too)
     * @param points     test images to map, {@code >= 10}
     * @param iterations t-SNE iterations
     * @param perplexity t-SNE perplexity
     * @param seed       t-SNE seed
     * @param trust      neighbours of the trustworthiness score, 0 = not scored
     * @param out        a folder for the PNGs and CSVs, or a {@code .csv} file (PNGs beside it), or null for
     *                   {@code runs/tsne-MODEL}
     */
    public record Options(String model, List<String> layers, int points, int iterations, double perplexity, long seed,
                          int trust, Path out) {
        /** @throws IllegalArgumentException naming the option, the value and what was expected */
        public Options {
            if (points < 10) {
                throw new IllegalArgumentException("--points = " + points + ", expected >= 10");
            }
            if (trust < 0) {
                throw new IllegalArgumentException("--trust = " + trust + ", expected >= 0 (0: off)");
            }
            layers = List.copyOf(layers);
        }
    }

    /**
     * @param o    what to map
     * @param data the dataset whose test images are mapped
     * @return the maps' report (the PNGs and CSVs are written)
     * @throws IOException if the model cannot be read or a file cannot be written
     */
    public static Report run(Options o, DataSplits data) throws IOException {
        LayerMapModels.Loaded m = LayerMapModels.load(o.model());
        int n = Math.min(o.points(), data.test().size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        List<String> all = new ArrayList<>();
        String input = m.graph().getConfiguration().getNetworkInputs().get(0);
        all.add(input);
        for (String l : o.layers()) {
            if (!all.contains(l)) {
                all.add(l);
            }
        }
        Tsne tsne = Tsne.builder().perplexity(o.perplexity()).iterations(o.iterations()).seed(o.seed()).build();
        long t0 = System.nanoTime();
        List<LayerMap> maps = LayerMaps.compute(m.graph(), data.test().features(idx, m.layout()), data.test().oneHot(idx),
                all, tsne);
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, INDArray> acts = o.trust() > 0 ? LayerActivations.of(m.graph(), data.test().features(idx, m.layout()),
                all) : Map.of();
        boolean csvFile = o.out() != null && o.out().getFileName().toString().endsWith(".csv");
        Path dir = o.out() == null ? Path.of("runs", "tsne-" + m.name())
                : csvFile ? o.out().toAbsolutePath().getParent() : o.out();
        Files.createDirectories(dir);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("t-SNE of %d %s test images through %s (%s), %.1f s%n",
                n, data.name(), m.name(), m.weights(), secs));
        text.append(String.format("%-20s %10s %10s %8s  %s%n", "layer", "inter", "intra", "ratio", "png"));
        for (LayerMap map : maps) {
            String slug = map.layer().replaceAll("[^A-Za-z0-9._-]", "_");
            Path png = dir.resolve("tsne-" + slug + ".png");
            Path csv = !csvFile ? dir.resolve("tsne-" + slug + ".csv") : !o.layers().contains(map.layer()) ? null
                    : o.layers().size() == 1 ? o.out() : o.out().resolveSibling(o.out().getFileName().toString()
                    .replaceAll("\\.csv$", "-" + slug + ".csv"));
            if (csv != null) {
                MapCsv.write(csv, map);
            }
            ScatterPlot.write(png, map.points(), map.labels(), String.format("%s / %s: inter %.3f, intra %.3f, ratio %.3f",
                    m.name(), map.layer(), map.distances().inter(), map.distances().intra(), map.distances().ratio()), 600);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", map.layer());
            row.put("inter", map.distances().inter());
            row.put("intra", map.distances().intra());
            row.put("ratio", map.distances().ratio());
            row.put("png", png.toString());
            row.put("csv", csv == null ? null : csv.toString());
            rows.add(row);
            text.append(String.format("%-20s %10.4f %10.4f %8.4f  %s%n", map.layer(), map.distances().inter(),
                    map.distances().intra(), map.distances().ratio(), png));
            if (o.trust() > 0) {
                Trustworthiness t = Trustworthiness.estimate(acts.get(map.layer()).castTo(DataType.DOUBLE)
                        .toDoubleMatrix(), map.points(), o.trust(), 1000, o.seed());
                row.put("trustworthiness", t.trustworthiness());
                row.put("knn_preservation", t.knnPreservation());
                text.append(String.format("%-20s trustworthiness(%d) %.4f, %d-NN preservation %.4f%n", "", o.trust(),
                        t.trustworthiness(), o.trust(), t.knnPreservation()));
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", m.name());
        r.put("weights", m.weights());
        r.put("dataset", data.name());
        r.put("points", n);
        r.put("tsne_iterations", o.iterations());
        r.put("perplexity", o.perplexity());
        r.put("seconds", secs);
        r.put("layers", rows);
        return new Report(r, text.toString().stripTrailing());
    }
}
