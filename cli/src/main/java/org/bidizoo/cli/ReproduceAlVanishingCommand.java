package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.AccuracyCurves;
import org.bidizoo.cli.experiment.AlVanishing;
import org.bidizoo.cli.experiment.Report;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.train.DataSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce al-vanishing}: a deep all-sigmoid network, AL against BP in the same budget. */
@Command(name = "al-vanishing", mixinStandardHelpOptions = true,
        description = "Seed 003's vanishing-gradient claim: a deep network of sigmoid layers trained by Associated"
                + " Learning and by backprop with the same optimizer, minibatches and epochs; test accuracy, first-layer"
                + " gradient norms and accuracy curves (PNG).")
public final class ReproduceAlVanishingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--blocks", defaultValue = "5", description = "AL blocks N; BP has 2N+1 sigmoid layers (default: ${DEFAULT-VALUE}).")
    int blocks;
    @Option(names = "--width", defaultValue = "128", description = "Units per layer (default: ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd or adam, for both (default: ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate for both (default: ${DEFAULT-VALUE}).")
    double learningRate;
    @Option(names = "--inverse-weight", defaultValue = "1",
            description = "Weight of AL's inverse losses (default: ${DEFAULT-VALUE}).")
    double inverseWeight;
    @Option(names = "--epochs", defaultValue = "3", description = "Epochs for both (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch", defaultValue = "32", description = "Minibatch (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--train-limit", defaultValue = "10000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainLimit;
    @Option(names = "--eval-limit", defaultValue = "2000", description = "Slices for the curves (default: ${DEFAULT-VALUE}).")
    int evalLimit;

    @Mixin
    ReproductionOptions run = new ReproductionOptions("runs/reproduce-al-vanishing");

    @Override
    public Integer call() throws Exception {
        String dataset = run.dataset.name();
        long seed = run.seed.seed();
        Path out = run.out.dir();
        AlVanishing.Net net = new AlVanishing.Net(blocks, width, optimizer, learningRate, inverseWeight);
        AccuracyCurves.Plan plan = new AccuracyCurves.Plan(epochs, batch, trainLimit, evalLimit, 4, seed);
        DataSplits data = DataSplits.load(dataset);
        ResultCells cells = run.openCells(spec);
        Report r = AlVanishing.run(data, net, plan, out, cells);
        AtomicFiles.writeString(out.resolve("al-vanishing.json"), Output.toJson(r.json()));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(r.json(), r.text());
        return 0;
    }
}
