package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.bidizoo.cli.JsonRows.num;

import org.bidizoo.cli.experiment.Inversion1dExperiment;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.layers.inversion.InvertibleStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce inversion-1d}: seed 002's generality experiment on generated 1-D signals. */
@Command(name = "inversion-1d", mixinStandardHelpOptions = true,
        description = "Seed 002, Fig. 2 in kind: a 1-D CNN on a small labeled set of generated chirp signals (the"
                + " paper's Bird10 is not available), supervised only (alpha 1, beta 0) against regularized by the"
                + " inverse's reconstruction loss; several seeds each, test accuracy along training.")
public final class ReproduceInversion1dCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--train", defaultValue = "500", description = "Labeled training signals (default: ${DEFAULT-VALUE}).")
    int train;
    @Option(names = "--test", defaultValue = "2000", description = "Test signals (default: ${DEFAULT-VALUE}).")
    int test;
    @Option(names = "--length", defaultValue = "256", description = "Samples per signal (default: ${DEFAULT-VALUE}).")
    int length;
    @Option(names = "--epochs", defaultValue = "40", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--configs", split = ",", defaultValue = "1:0,0.7:0.3",
            description = "alpha:beta pairs (default: ${DEFAULT-VALUE}: the baseline and the paper's best Bird10 pair).")
    List<String> configs;
    @Option(names = "--seeds", defaultValue = "3", description = "Runs per pair (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--eval-every", defaultValue = "5", description = "Epochs between test measurements (default:"
            + " ${DEFAULT-VALUE}).")
    int evalEvery;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Mixin
    ResultCells cells;

    @Mixin
    OutOption outOption = new OutOption("runs/inversion-1d");

    @Override
    public Integer call() throws Exception {
        Path out = outOption.dir();
        List<double[]> pairs = new ArrayList<>();
        for (String c : configs) {
            String[] ab = c.split(":");
            try {
                if (ab.length != 2) {
                    throw new NumberFormatException();
                }
                FiniteNumbers finite = new FiniteNumbers();
                pairs.add(new double[] {finite.convert(ab[0]), finite.convert(ab[1])});
            } catch (NumberFormatException | picocli.CommandLine.TypeConversionException e) {
                throw new IllegalArgumentException("--configs: '" + c + "' is not alpha:beta, e.g. 0.7:0.3");
            }
        }
        Inversion1dExperiment.Setup setup = new Inversion1dExperiment.Setup(train, test, length, epochs, batch, evalEvery,
                lr, InvertibleStep.Pool.MAX);
        cells.open(out, spec);
        List<Map<String, Object>> results = Inversion1dExperiment.run(setup, pairs, seeds, cells);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "1-D chirps: %d labeled training signals, %d test, length %d, %d epochs%n", train, test, length, epochs));
        for (double[] p : pairs) {
            double sum = 0;
            int n = 0;
            StringBuilder each = new StringBuilder();
            for (Map<String, Object> r : results) {
                if (num(r, "alpha") == p[0] && num(r, "beta") == p[1]) {
                    sum += num(r, "test_accuracy");
                    n++;
                    each.append(String.format(Locale.ROOT, " %.2f%%", 100 * num(r, "test_accuracy")));
                }
            }
            text.append(String.format(Locale.ROOT, "alpha %.2f beta %.2f: mean test accuracy %.2f%% (seeds:%s)%n", p[0],
                    p[1], 100 * sum / n, each));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("task", "synthetic chirps (10 classes), generated");
        j.put("train", train);
        j.put("test", test);
        j.put("length", length);
        j.put("results", results);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().stripTrailing());
        return 0;
    }
}
