package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.LmserTable1;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce ...}: the papers' tables. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Reproduce a paper's table.",
        subcommands = {ReproduceCommand.Lmser.class, ReproduceInversionCommand.class,
                ReproduceInversion1dCommand.class, ReproduceAlCommand.class, ReproduceAlVanishingCommand.class,
                ReproduceLmserXuCommand.class, ReproduceBaselinesCommand.class, ReproduceRbmCommand.class,
                ReproduceDeconvnetCommand.class})
public final class ReproduceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bidizoo reproduce lmser}: Table 1 of seed 000. */
    @Command(name = "lmser", mixinStandardHelpOptions = true,
            description = "Table 1 of seed 000: test reconstruction MSE per pixel after each number of iterations,"
                    + " for AE, Lmser(un-n), Lmser(un), Lmser(sup) (dense [784, 300, 100, 10], batch 50, Adam).")
    static final class Lmser implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        JsonOption jsonOption;

        @Option(names = "--iterations", split = ",", defaultValue = "500,5000,20000",
                description = "Iterations at which to measure (default: ${DEFAULT-VALUE}).")
        int[] iterations;
        @Option(names = "--variants", split = ",", defaultValue = "ae,un-n,un,sup",
                description = "Variants (default: ${DEFAULT-VALUE}).")
        List<String> variants;
        @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE};"
                + " the paper's 0.01 leaves the ReLU autoencoder stuck at MSE 0.126, see BENCHMARKS.md).")
        double learningRate;
        @Option(names = "--lr-decay", defaultValue = "0.9999",
                description = "Learning-rate factor per iteration (default: ${DEFAULT-VALUE}, the paper's).")
        double learningRateDecay;
        @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Mixin
        ReproductionOptions run = new ReproductionOptions("runs/reproduce-lmser");

        @Override
        public Integer call() throws Exception {
            String dataset = run.dataset.name();
            long seed = run.seed.seed();
            Path out = run.out.dir();
            List<LmserVariant> vs = new ArrayList<>();
            for (String v : variants) {
                vs.add(LmserVariant.byName(v));
            }
            for (int t : iterations) {
                if (t < 1) {
                    throw new IllegalArgumentException("--iterations: " + t + " is not a positive number of iterations");
                }
            }
            ModelSettings s = ModelSettings.builder().seed(seed).learningRate(learningRate)
                    .learningRateDecay(learningRateDecay).build();
            DataSplits data = DataSplits.load(dataset);
            ResultCells cells = run.openCells(spec);
            List<Map<String, Object>> results = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format("Table 1 (%s, test MSE per pixel; paper in brackets)%n",
                    data.name()));
            for (LmserVariant v : vs) {
                Map<String, Object> cell = cells.cell(v.reportName(), () -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (LmserTable1.Row r : LmserTable1.run(data, s, batch, iterations, List.of(v), out)) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("variant", r.variant().reportName());
                        m.put("iterations", r.iterations());
                        m.put("recon_mse", r.reconMse());
                        m.put("paper", Double.isNaN(r.paper()) ? null : r.paper());
                        m.put("train_seconds", r.seconds());
                        m.put("png", out.resolve(r.variant().reportName() + "-" + r.iterations() + ".png").toString());
                        rows.add(m);
                    }
                    return Map.of("rows", rows);
                });
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) cell.get("rows");
                for (Map<String, Object> m : rows) {
                    results.add(m);
                    text.append(String.format("%-12s tau=%-6d %.5f  [%s]%n", m.get("variant"), m.get("iterations"),
                            ((Number) m.get("recon_mse")).doubleValue(), m.get("paper") == null ? "-" : m.get("paper")));
                }
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("experiment", "lmser-table1");
            j.put("dataset", data.name());
            j.put("settings", Map.of("batch", batch, "lr", learningRate, "lr_decay", learningRateDecay, "seed", seed,
                    "optimizer", "adam"));
            j.put("results", results);
            AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
            return 0;
        }
    }
}
