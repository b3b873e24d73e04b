package org.bidizoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

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

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;
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
    @Option(names = "--seed", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", defaultValue = "runs/reproduce-al", description = "Directory for the JSON and PNG (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        AlVanishing.Net net = new AlVanishing.Net(blocks, width, optimizer, learningRate, inverseWeight);
        AccuracyCurves.Plan plan = new AccuracyCurves.Plan(epochs, batch, trainLimit, evalLimit, 4, seed);
        DataSplits data = DataSplits.load(dataset);
        Path png = out.resolve("al-vanishing-curves.png");
        List<AlVanishing.Row> rows = AlVanishing.run(data, net, ModelSettings.builder().seed(seed).build(), plan, png);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("All-sigmoid network, %d blocks of %d (BP: %d layers), %s %s,"
                + " %d epochs on %d %s images%n", blocks, width, 2 * blocks + 1, optimizer, learningRate, epochs,
                Math.min(trainLimit, data.train().size()), data.name()));
        for (AlVanishing.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("epochs", r.run().epochs());
            m.put("test_accuracy", r.run().testAccuracy());
            m.put("train_seconds", r.run().trainSeconds());
            m.put("first_layer_grad_norm", r.firstLayerGradNorm());
            m.put("gradient_path_layers", r.depth());
            List<Map<String, Object>> curve = new ArrayList<>();
            for (AccuracyCurves.Point p : r.run().curve()) {
                curve.add(Map.of("epoch", p.epoch(), "train_accuracy", p.trainAccuracy(), "test_accuracy", p.testAccuracy()));
            }
            m.put("curve", curve);
            results.add(m);
            text.append(String.format("%s: test accuracy %.4f, %.0f s, first-layer gradient norm at init %.3g%n", r.method(),
                    r.run().testAccuracy(), r.run().trainSeconds(), r.firstLayerGradNorm()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "al-vanishing");
        j.put("dataset", data.name());
        j.put("settings", Map.of("blocks", blocks, "width", width, "bp_layers", 2 * blocks + 1, "optimizer", optimizer,
                "lr", learningRate, "inverse_weight", inverseWeight, "batch", batch, "train_examples", Math.min(trainLimit, data.train().size()),
                "seed", seed));
        j.put("results", results);
        j.put("png", png.toString());
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("al-vanishing.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
        return 0;
    }
}
