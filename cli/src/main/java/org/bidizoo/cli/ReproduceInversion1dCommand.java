package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.Inversion1dExperiment;
import org.bidizoo.cli.experiment.Report;
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
    OutOption outOption = new OutOption("runs/inversion-1d");
    @Mixin
    ResultCells cells;

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
        Report r = Inversion1dExperiment.run(setup, pairs, seeds, cells);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(r.json()));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(r.json(), r.text());
        return 0;
    }
}
