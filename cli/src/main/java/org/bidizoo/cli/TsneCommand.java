package org.bidizoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.ui.image.ScatterPlot;
import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.zoo.analysis.metrics.Trustworthiness;
import org.bidizoo.zoo.analysis.tsne.LayerMap;
import org.bidizoo.zoo.analysis.tsne.LayerMaps;
import org.bidizoo.zoo.analysis.tsne.MapCsv;
import org.bidizoo.zoo.analysis.tsne.Tsne;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.cli.experiment.LayerMapModels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bidizoo tsne}: t-SNE maps of the raw input and chosen layers of a model on test images, coloured
 * by class, and the inter/intra-class distances of each layer (seed 003, Table 3.4).
 */
@Command(name = "tsne", mixinStandardHelpOptions = true,
        description = "t-SNE PNGs of the raw input and chosen layers of any ComputationGraph on test images,"
                + " coloured by class, with inter/intra-class distances per layer.")
public final class TsneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--model", required = true, paramLabel = "FILE_OR_ZOO_NAME",
            description = "A model zip (saved by 'bidizoo train' or any DL4J ComputationGraph zip) or a zoo name"
                    + " (its pretrained MNIST weights when published, else untrained).")
    String model;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "L1,L2",
            description = "Layer or vertex names of the graph, or an Lmser layer's levels as lmser/level1 ..."
                    + " (the raw input is always mapped too).")
    List<String> layers;

    @Option(names = "--points", defaultValue = "2000", description = "Test images to map (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--iterations", defaultValue = "1000", description = "t-SNE iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--perplexity", defaultValue = "30", description = "t-SNE perplexity (default: ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--trust", defaultValue = "0", paramLabel = "K",
            description = "Also score each map's trustworthiness and k-NN preservation with K neighbours against the"
                    + " layer's activations (at most 1000 query points; default: ${DEFAULT-VALUE} = off).")
    int trust;

    @Option(names = "--out", paramLabel = "DIR_OR_FILE.csv",
            description = "A FILE.csv: the map of the --layers layer as CSV x,y,label,index (several layers:"
                    + " FILE-LAYER.csv each), PNGs beside it; or a directory for the PNGs and tsne-LAYER.csv files"
                    + " (default: runs/tsne-MODEL).")
    Path out;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    SeedOption seedOption = new SeedOption(42);

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        long seed = seedOption.seed();
        if (points < 10) {
            throw new IllegalArgumentException("--points = " + points + ", expected >= 10");
        }
        DataSplits data = DataSplits.load(dataset);
        LayerMapModels.Loaded m = LayerMapModels.load(model);
        int n = Math.min(points, data.test().size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        List<String> all = new ArrayList<>();
        String input = m.graph().getConfiguration().getNetworkInputs().get(0);
        all.add(input);
        for (String l : layers) {
            if (!all.contains(l)) {
                all.add(l);
            }
        }
        Tsne tsne = Tsne.builder().perplexity(perplexity).iterations(iterations).seed(seed).build();
        long t0 = System.nanoTime();
        List<LayerMap> maps = LayerMaps.compute(m.graph(), data.test().features(idx, m.layout()), data.test().oneHot(idx),
                all, tsne);
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, INDArray> acts = trust > 0 ? LayerActivations.of(m.graph(), data.test().features(idx, m.layout()), all)
                : Map.of();
        boolean csvFile = out != null && out.getFileName().toString().endsWith(".csv");
        Path dir = out == null ? Path.of("runs", "tsne-" + m.name())
                : csvFile ? out.toAbsolutePath().getParent() : out;
        Files.createDirectories(dir);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("t-SNE of %d %s test images through %s (%s), %.1f s%n",
                n, data.name(), m.name(), m.weights(), secs));
        text.append(String.format("%-20s %10s %10s %8s  %s%n", "layer", "inter", "intra", "ratio", "png"));
        for (LayerMap map : maps) {
            String slug = map.layer().replaceAll("[^A-Za-z0-9._-]", "_");
            Path png = dir.resolve("tsne-" + slug + ".png");
            Path csv = !csvFile ? dir.resolve("tsne-" + slug + ".csv") : !layers.contains(map.layer()) ? null
                    : layers.size() == 1 ? out : out.resolveSibling(out.getFileName().toString()
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
            if (trust > 0) {
                Trustworthiness t = Trustworthiness.estimate(acts.get(map.layer()).castTo(DataType.DOUBLE)
                        .toDoubleMatrix(), map.points(), trust, 1000, seed);
                row.put("trustworthiness", t.trustworthiness());
                row.put("knn_preservation", t.knnPreservation());
                text.append(String.format("%-20s trustworthiness(%d) %.4f, %d-NN preservation %.4f%n", "", trust,
                        t.trustworthiness(), trust, t.knnPreservation()));
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", m.name());
        r.put("weights", m.weights());
        r.put("dataset", data.name());
        r.put("points", n);
        r.put("tsne_iterations", iterations);
        r.put("perplexity", perplexity);
        r.put("seconds", secs);
        r.put("layers", rows);
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(r, text.toString().stripTrailing());
        return 0;
    }
}
