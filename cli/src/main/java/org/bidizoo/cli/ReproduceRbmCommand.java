package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.RbmBaselines;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.layers.rbm.VisibleUnits;
import org.bidizoo.zoo.model.DbnModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.RbmModel;
import org.bidizoo.zoo.train.DataSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bidizoo reproduce rbm}: seed 004's RBM baselines on the budget of seed 000's Table 1 — test
 * reconstruction MSE per pixel of binary and Gaussian RBMs, and the exact test log-likelihood of a 784-16 binary
 * RBM under CD-k and PCD-k, and the few-label accuracy of a deep belief net against the same net from random init.
 */
@Command(name = "rbm", mixinStandardHelpOptions = true,
        description = "Seed 004's RBMs on the budget of seed 000's Table 1 (batch 50, measured on all test images):"
                + " test reconstruction MSE per pixel of rbm-binary and rbm-gaussian (mean-field reconstruction), and"
                + " the exact test log-likelihood of a 784-16 binary RBM on binarized images (log Z by enumerating"
                + " 2^16 hidden states) under CD-k and PCD-k; test accuracy of a DBN fine-tuned on few labels, greedily"
                + " pretrained and from random init; PNGs of reconstructions, filters and samples.")
final class ReproduceRbmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    ResultCells cells;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--iterations", split = ",", defaultValue = "500,5000,20000",
            description = "Iterations at which to measure (default: ${DEFAULT-VALUE}, seed 000's Table 1).")
    int[] iterations;
    @Option(names = "--hidden", defaultValue = "500", description = "Hidden units of the reconstruction RBMs"
            + " (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--ll-hidden", defaultValue = "16", description = "Hidden units of the exact-likelihood RBM, at"
            + " most 24 (default: ${DEFAULT-VALUE}).")
    int llHidden;
    @Option(names = "--k", defaultValue = "1", description = "Gibbs steps per update, CD-k and PCD-k (default:"
            + " ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--parts", split = ",", defaultValue = "recon,ll,dbn", description = "recon (reconstruction MSE"
            + " of both RBMs), ll (exact log-likelihood, CD and PCD), dbn (few-label accuracy of a DBN, pretrained"
            + " and from random init) (default: ${DEFAULT-VALUE}).")
    List<String> parts;
    @Option(names = "--labels", split = ",", defaultValue = "100,1000", description = "DBN: labeled training images,"
            + " balanced over the classes (default: ${DEFAULT-VALUE}).")
    int[] labels;
    @Option(names = "--dbn-hidden", split = ",", defaultValue = "500,500,2000", description = "DBN: hidden units of"
            + " each RBM, bottom up (default: ${DEFAULT-VALUE}, Hinton, Osindero and Teh 2006).")
    int[] dbnHidden;
    @Option(names = "--dbn-pretrain", defaultValue = "2000", description = "DBN: minibatches of CD per RBM on all"
            + " training images (default: ${DEFAULT-VALUE}).")
    int dbnPretrain;
    @Option(names = "--dbn-finetune", defaultValue = "1000", description = "DBN: fine-tuning minibatches on the"
            + " labeled images (default: ${DEFAULT-VALUE}).")
    int dbnFinetune;
    @Option(names = "--pll-examples", defaultValue = "1000", description = "Test images for the pseudo-log-likelihood"
            + " (default: ${DEFAULT-VALUE}).")
    int pllExamples;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--seed", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", defaultValue = "runs/reproduce-rbm",
            description = "Directory for the JSON and PNGs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (int t : iterations) {
            if (t < 1) {
                throw new IllegalArgumentException("--iterations: " + t + " is not a positive number of iterations");
            }
        }
        for (String p : parts) {
            if (!List.of("recon", "ll", "dbn").contains(p)) {
                throw new IllegalArgumentException("--parts: unknown '" + p + "'; expected recon, ll and/or dbn");
            }
        }
        if (pllExamples < 1) {
            throw new IllegalArgumentException("--pll-examples = " + pllExamples + ", expected >= 1");
        }
        ModelSettings s = ModelSettings.builder().seed(seed).build();
        DataSplits data = DataSplits.load(dataset);
        cells.open(out, spec);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("RBM baselines (%s, batch %d)%n", data.name(), batch));
        if (parts.contains("recon")) {
            for (VisibleUnits u : VisibleUnits.values()) {
                RbmModel m = RbmModel.builder("rbm-" + u.name().toLowerCase(java.util.Locale.ROOT), u).settings(s)
                        .hidden(hidden).k(k).build();
                String key = m.name() + "-h" + hidden;
                Map<String, Object> cell = cells.cell(key, () -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (RbmBaselines.ReconRow r : RbmBaselines.reconstruction(data, m, batch, seed, iterations, out)) {
                        Map<String, Object> j = new LinkedHashMap<>();
                        j.put("model", m.name());
                        j.put("hidden", hidden);
                        j.put("k", k);
                        j.put("lr", m.settings().learningRate(m.defaultLearningRate()));
                        j.put("iterations", r.iterations());
                        j.put("recon_mse", r.reconMse());
                        j.put("train_seconds", r.seconds());
                        rows.add(j);
                    }
                    return Map.of("rows", rows);
                });
                addRows(cell, results, text, "recon_mse");
            }
        }
        if (parts.contains("ll")) {
            for (boolean persistent : new boolean[] {false, true}) {
                RbmModel m = RbmModel.builder("rbm-binary", VisibleUnits.BINARY).settings(s).hidden(llHidden).k(k)
                        .persistent(persistent).build();
                String method = (persistent ? "pcd" : "cd") + k;
                String key = "ll-" + method + "-h" + llHidden;
                Map<String, Object> cell = cells.cell(key, () -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (RbmBaselines.LikelihoodRow r : RbmBaselines.likelihood(data, m, batch, seed, iterations,
                            pllExamples)) {
                        Map<String, Object> j = new LinkedHashMap<>();
                        j.put("model", m.name());
                        j.put("hidden", llHidden);
                        j.put("method", method);
                        j.put("data", "binarized at 0.5");
                        j.put("iterations", r.iterations());
                        j.put("log_likelihood", r.logLikelihood());
                        j.put("log_z", r.logZ());
                        j.put("pseudo_log_likelihood", r.pseudoLogLikelihood());
                        j.put("recon_mse", r.reconMse());
                        j.put("train_seconds", r.seconds());
                        rows.add(j);
                    }
                    return Map.of("rows", rows);
                });
                addRows(cell, results, text, "log_likelihood");
            }
        }
        if (parts.contains("dbn")) {
            dbn(data, s, results, text);
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "rbm-baselines");
        j.put("dataset", data.name());
        j.put("settings", Map.of("batch", batch, "k", k, "seed", seed, "hidden", hidden, "ll_hidden", llHidden,
                "optimizer", "nesterov momentum 0.5", "weight_decay", 2e-4, "pll_examples", pllExamples,
                "dbn", Map.of("hidden", dbnHidden, "pretrain_per_rbm", dbnPretrain, "finetune", dbnFinetune)));
        j.put("results", results);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
        return 0;
    }

    /**
     * Few-label accuracy of the DBN, greedily pretrained (once, shared by the label counts), from its own random
     * init (N(0, 0.01), as for RBM training) and from Xavier's init (the fair supervised baseline).
     */
    private void dbn(DataSplits data, ModelSettings s, List<Map<String, Object>> results, StringBuilder text)
            throws java.io.IOException {
        DbnModel spec = DbnModel.builder().settings(s).hidden(dbnHidden).pretrainIterations(dbnPretrain).k(k).build();
        org.deeplearning4j.nn.graph.ComputationGraph[] pretrained = new org.deeplearning4j.nn.graph.ComputationGraph[1];
        for (String init : List.of("pretrained", "random", "random-xavier")) {
            boolean pre = init.equals("pretrained");
            for (int n : labels) {
                String key = "dbn-" + init + "-" + n;
                Map<String, Object> cell = cells.cell(key, () -> {
                    org.deeplearning4j.nn.graph.ComputationGraph g;
                    if (pre) {
                        if (pretrained[0] == null) {
                            pretrained[0] = RbmBaselines.pretrainDbn(data, spec, batch, seed);
                            RbmBaselines.dbnFigures(spec, pretrained[0], data.test(), 1000, out);
                        }
                        g = pretrained[0].clone();
                    } else {
                        g = spec.init();
                        if (init.equals("random-xavier")) {
                            RbmBaselines.xavier(g, spec.rbmLayers());
                        }
                    }
                    long t0 = System.nanoTime();
                    double acc = RbmBaselines.fineTuneDbn(data, spec, g, n, batch, seed, dbnFinetune);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", "dbn");
                    row.put("init", init);
                    row.put("labels", n);
                    row.put("hidden", dbnHidden);
                    row.put("pretrain_per_rbm", pre ? dbnPretrain : 0);
                    row.put("finetune_iterations", dbnFinetune);
                    row.put("test_accuracy", acc);
                    row.put("finetune_seconds", (System.nanoTime() - t0) / 1e9);
                    return Map.of("rows", List.of(row));
                });
                addRows(cell, results, text, "test_accuracy");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addRows(Map<String, Object> cell, List<Map<String, Object>> results, StringBuilder text,
                                String metric) {
        for (Map<String, Object> m : (List<Map<String, Object>>) cell.get("rows")) {
            results.add(m);
            text.append(String.format("%-13s %-10s %-6s %s %.5f%n", m.get("model"),
                    m.getOrDefault("method", m.getOrDefault("init", "")), m.containsKey("labels") ? "n=" + m.get("labels")
                    : "it=" + m.get("iterations"), metric, ((Number) m.get(metric)).doubleValue()));
        }
    }
}
