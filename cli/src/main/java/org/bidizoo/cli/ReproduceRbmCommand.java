package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.RbmBaselines;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.layers.rbm.AnnealedImportanceSampling;
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
 * RBM under CD-k and PCD-k, the few-label accuracy of a deep belief net against the same net from random init, and
 * the AIS test log-probability of a 784-500 binary RBM under CD-1 and CD-25 (Salakhutdinov and Murray 2008).
 */
@Command(name = "rbm", mixinStandardHelpOptions = true,
        description = "Seed 004's RBMs on the budget of seed 000's Table 1 (batch 50, measured on all test images):"
                + " test reconstruction MSE per pixel of rbm-binary and rbm-gaussian (mean-field reconstruction), and"
                + " the exact test log-likelihood of a 784-16 binary RBM on binarized images (log Z by enumerating"
                + " 2^16 hidden states) under CD-k and PCD-k; test accuracy of a DBN fine-tuned on few labels, greedily"
                + " pretrained and from random init; the test log-probability of a 784-500 binary RBM on stochastically"
                + " binarized images by annealed importance sampling (AIS) of log Z, after CD-k training; PNGs of"
                + " reconstructions, filters and samples.")
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
            + " and from random init), ais (AIS test log-probability of a large binary RBM; not in the default)"
            + " (default: ${DEFAULT-VALUE}).")
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
    @Option(names = "--ais-hidden", defaultValue = "500", description = "AIS: hidden units of the RBM (default:"
            + " ${DEFAULT-VALUE}, Salakhutdinov and Murray 2008).")
    int aisHidden;
    @Option(names = "--ais-k", split = ",", defaultValue = "1,25", description = "AIS: one RBM per CD-k, trained from"
            + " scratch (default: ${DEFAULT-VALUE}).")
    int[] aisK;
    @Option(names = "--ais-iterations", split = ",", defaultValue = "40000,8000", description = "AIS: CD minibatches"
            + " of each --ais-k RBM, one number per k, or one for all (default: ${DEFAULT-VALUE}).")
    int[] aisIterations;
    @Option(names = "--ais-steps", split = ",", defaultValue = "1000,14500", description = "AIS: intermediate"
            + " distributions K (betas 0 = b_0 < ... < b_K = 1, spaced as in the paper), one estimate per number on"
            + " each trained RBM (default: ${DEFAULT-VALUE}; 14,500 is the paper's).")
    int[] aisSteps;
    @Option(names = "--ais-runs", defaultValue = "100", description = "AIS: parallel runs, >= 2 for the error bar"
            + " (default: ${DEFAULT-VALUE}, the paper's).")
    int aisRuns;
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
        if (k < 1) {
            throw new IllegalArgumentException("--k = " + k + ", expected >= 1 Gibbs steps per update");
        }
        for (int t : iterations) {
            if (t < 1) {
                throw new IllegalArgumentException("--iterations: " + t + " is not a positive number of iterations");
            }
        }
        for (String p : parts) {
            if (!List.of("recon", "ll", "dbn", "ais").contains(p)) {
                throw new IllegalArgumentException("--parts: unknown '" + p + "'; expected recon, ll, dbn and/or ais");
            }
        }
        List<AnnealedImportanceSampling> ais = new ArrayList<>();
        if (parts.contains("ais")) {
            if (aisIterations.length != 1 && aisIterations.length != aisK.length) {
                throw new IllegalArgumentException("--ais-iterations: " + aisIterations.length + " numbers, expected"
                        + " one, or one per --ais-k (" + aisK.length + ")");
            }
            for (int t : aisIterations) {
                if (t < 1) {
                    throw new IllegalArgumentException("--ais-iterations: " + t + ", expected >= 1 minibatches");
                }
            }
            if (aisRuns < 2) {
                throw new IllegalArgumentException("--ais-runs = " + aisRuns + ", expected >= 2 (the error bar needs"
                        + " the spread of the weights)");
            }
            for (int steps : aisSteps) {
                ais.add(AnnealedImportanceSampling.builder().runs(aisRuns).intermediate(steps).seed(seed).build());
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
        if (!ais.isEmpty()) {
            ais(data, s, ais, results, text);
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "rbm-baselines");
        j.put("dataset", data.name());
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("batch", batch, "k", k, "seed", seed, "hidden",
                hidden, "ll_hidden", llHidden, "optimizer", "nesterov momentum 0.5", "weight_decay", 2e-4,
                "pll_examples", pllExamples, "dbn", Map.of("hidden", dbnHidden, "pretrain_per_rbm", dbnPretrain,
                        "finetune", dbnFinetune)));
        if (!ais.isEmpty()) {
            settings.put("ais", Map.of("hidden", aisHidden, "k", aisK, "iterations", aisIterations, "steps", aisSteps,
                    "runs", aisRuns, "schedule", ais.get(0).schedule().name().toLowerCase(java.util.Locale.ROOT),
                    "base_rate_smoothing", AnnealedImportanceSampling.DEFAULT_SMOOTHING));
        }
        j.put("settings", settings);
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

    /** One cell per CD-k: train a binary RBM on stochastically binarized images, then AIS. */
    private void ais(DataSplits data, ModelSettings s, List<AnnealedImportanceSampling> ais,
                     List<Map<String, Object>> results, StringBuilder text) throws java.io.IOException {
        for (int i = 0; i < aisK.length; i++) {
            int kk = aisK[i];
            int its = aisIterations.length == 1 ? aisIterations[0] : aisIterations[i];
            RbmModel m = RbmModel.builder("rbm-binary", VisibleUnits.BINARY).settings(s).hidden(aisHidden).k(kk).build();
            String key = "ais-cd" + kk + "-h" + aisHidden + "-it" + its;
            Map<String, Object> cell = cells.cell(key, () -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RbmBaselines.AisRow r : RbmBaselines.aisLikelihood(data, m, batch, seed, its, ais)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", m.name());
                    row.put("hidden", aisHidden);
                    row.put("method", "cd" + kk);
                    row.put("data", "stochastically binarized");
                    row.put("iterations", its);
                    row.put("ais_steps", r.steps());
                    row.put("ais_runs", aisRuns);
                    row.put("log_z", r.logZ());
                    row.put("log_z_lower", finite(r.logZLower()));
                    row.put("log_z_upper", finite(r.logZUpper()));
                    row.put("log_z_base", r.logZBase());
                    row.put("log_weight_std", r.logWeightStd());
                    row.put("test_log_prob", r.testLogProb());
                    row.put("test_log_prob_lower", finite(r.testLogProbLower()));
                    row.put("test_log_prob_upper", finite(r.testLogProbUpper()));
                    row.put("train_log_prob", r.trainLogProb());
                    row.put("train_seconds", r.trainSeconds());
                    row.put("ais_seconds", r.aisSeconds());
                    rows.add(row);
                }
                return Map.of("rows", rows);
            });
            addRows(cell, results, text, "test_log_prob");
        }
    }

    /** JSON has no infinities: an unbounded end of an interval is null. */
    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
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
