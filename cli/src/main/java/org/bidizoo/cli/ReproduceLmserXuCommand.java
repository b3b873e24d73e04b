package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.LmserXuFigures;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.train.DataSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce lmser-xu}: seed 001's perception energy and Oja-vs-LMSER figures. */
@Command(name = "lmser-xu", mixinStandardHelpOptions = true,
        description = "Seed 001: J_net per perception iteration (Theorem 1) on random weights and on a sigmoid Lmser"
                + " trained on real images by the local LMSER rule (and by backprop, for comparison); Oja's subspace"
                + " rule vs the LMSER rule vs the symmetry-broken LMSER rule on data with a known covariance"
                + " (largest principal angle against samples seen). Writes JSON and two PNGs.")
public final class ReproduceLmserXuCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--hidden", split = ",", defaultValue = "300,100", description = "Level sizes (default: ${DEFAULT-VALUE}).")
    int[] hidden;
    @Option(names = "--iterations", defaultValue = "2000", description = "SGD iterations (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "0.05", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--tolerance", defaultValue = "1e-4", description = "Perception tolerance in training (default: ${DEFAULT-VALUE}).")
    double tolerance;
    @Option(names = "--max-iterations", defaultValue = "50", description = "Perception cap in training (default: ${DEFAULT-VALUE}).")
    int maxIter;
    @Option(names = "--eigenvalues", split = ",", defaultValue = "10,7,5,3.5,2,1,0.8,0.6,0.5,0.4,0.3,0.3,0.2,0.2,0.1,0.1",
            description = "Eigenvalues of the synthetic covariance (default: ${DEFAULT-VALUE}).")
    double[] eigenvalues;
    @Option(names = "--units", defaultValue = "4", description = "Linear units (default: ${DEFAULT-VALUE}).")
    int units;
    @Option(names = "--pca-lr", defaultValue = "0.01", description = "Learning rate of the linear rules (default: ${DEFAULT-VALUE}).")
    double pcaRate;
    @Option(names = "--pca-batch", defaultValue = "8", description = "Samples per step (default: ${DEFAULT-VALUE}).")
    int pcaBatch;
    @Option(names = "--pca-steps", defaultValue = "3000", description = "Steps (default: ${DEFAULT-VALUE}).")
    int pcaSteps;
    @Option(names = "--pca-seeds", defaultValue = "5", description = "Seeds averaged (default: ${DEFAULT-VALUE}).")
    int pcaSeeds;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    SeedOption seedOption;
    @Mixin
    OutOption outOption = new OutOption("runs/lmser-xu");

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        long seed = seedOption.seed();
        Path out = outOption.dir();
        LmserXuFigures.Options o = new LmserXuFigures.Options(dataset, hidden, iterations, batch, rate, tolerance, maxIter,
                seed, eigenvalues, units, pcaRate, pcaBatch, pcaSteps, pcaSeeds);
        LmserXuFigures.Result r = LmserXuFigures.run(o, DataSplits.load(dataset), out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "lmser-xu");
        j.put("options", o);
        j.put("result", r);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        StringBuilder text = new StringBuilder(String.format("test MSE/pixel: untrained %.5f, local rule %.5f, backprop"
                + " %.5f; %.1f perception iterations per training pass%n", r.untrainedMse(), r.localRuleMse(),
                r.backpropMse(), r.meanIterations()));
        for (LmserXuFigures.EnergyRun e : r.energies()) {
            text.append(String.format("J_net %-28s %d iterations, converged %s, monotone %s, %.4f -> %.4f%n", e.label(),
                    e.iterations(), e.converged(), e.monotone(), e.energy()[0], e.energy()[e.energy().length - 1]));
        }
        for (LmserXuFigures.RuleCurve c : r.curves()) {
            text.append(String.format("%-10s final largest angle %.2f deg, unit angles %s%n", c.rule(),
                    c.meanAngle()[c.meanAngle().length - 1], java.util.Arrays.toString(c.finalColumns())));
        }
        text.append("figures: ").append(r.energyPng()).append(", ").append(r.rulesPng());
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString());
        return 0;
    }
}
