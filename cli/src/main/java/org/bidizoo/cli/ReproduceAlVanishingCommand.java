package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.bidizoo.cli.JsonRows.num;

import org.bidizoo.cli.experiment.AccuracyCurves;
import org.bidizoo.cli.experiment.AlVanishing;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.ModelSettings;
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
    ResultCells cells;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    SeedOption seedOption;
    @Mixin
    OutOption outOption = new OutOption("runs/reproduce-al-vanishing");

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        long seed = seedOption.seed();
        Path out = outOption.dir();
        AlVanishing.Net net = new AlVanishing.Net(blocks, width, optimizer, learningRate, inverseWeight);
        AccuracyCurves.Plan plan = new AccuracyCurves.Plan(epochs, batch, trainLimit, evalLimit, 4, seed);
        DataSplits data = DataSplits.load(dataset);
        Path png = out.resolve("al-vanishing-curves.png");
        cells.open(out, spec);
        List<Map<String, Object>> results = AlVanishing.run(data, net, ModelSettings.builder().seed(seed).build(), plan,
                png, cells);
        StringBuilder text = new StringBuilder(String.format("All-sigmoid network, %d blocks of %d (BP: %d layers), %s %s,"
                + " %d epochs on %d %s images%n", blocks, width, 2 * blocks + 1, optimizer, learningRate, epochs,
                Math.min(trainLimit, data.train().size()), data.name()));
        for (Map<String, Object> r : results) {
            text.append(String.format("%s: test accuracy %.4f, %.0f s, first-layer gradient norm at init %.3g%n",
                    r.get("method"), num(r, "test_accuracy"), num(r, "train_seconds"), num(r, "first_layer_grad_norm")));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "al-vanishing");
        j.put("dataset", data.name());
        j.put("settings", Map.of("blocks", blocks, "width", width, "bp_layers", 2 * blocks + 1, "optimizer", optimizer,
                "lr", learningRate, "inverse_weight", inverseWeight, "batch", batch, "train_examples", Math.min(trainLimit, data.train().size()),
                "seed", seed));
        j.put("results", results);
        j.put("png", png.toString());
        AtomicFiles.writeString(out.resolve("al-vanishing.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
        return 0;
    }
}
