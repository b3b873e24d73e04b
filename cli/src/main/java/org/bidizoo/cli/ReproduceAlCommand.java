package org.bidizoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.AccuracyCurves;
import org.bidizoo.cli.experiment.AlTable31;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.WeightsExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce al}: Table 3.1 of seed 003. */
@Command(name = "al", mixinStandardHelpOptions = true,
        description = "Table 3.1 of seed 003: MNIST test accuracy of Associated Learning and of its backprop twin"
                + " (equal effective parameters), MLP or CNN, with training/test accuracy curves (PNG).")
public final class ReproduceAlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--model", defaultValue = "mlp", description = "mlp or cnn (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--epochs", defaultValue = "1", description = "Epochs for each method (default: ${DEFAULT-VALUE};"
            + " the thesis: 200).")
    int epochs;
    @Option(names = "--batch", defaultValue = "32", description = "Minibatch (default: ${DEFAULT-VALUE}, the thesis').")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate for both methods (default: ${DEFAULT-VALUE};"
            + " the thesis' 1e-4 needs its 200 epochs: after 188 steps AL is still at chance, see BENCHMARKS.md).")
    double learningRate;
    @Option(names = "--train-limit", defaultValue = "60000",
            description = "Train on the first N training images (default: ${DEFAULT-VALUE}, all).")
    int trainLimit;
    @Option(names = "--eval-limit", defaultValue = "2000",
            description = "Slice of the training and test sets for the curves, and the test images of the class"
                    + " distances (default: ${DEFAULT-VALUE});"
                    + " the reported test accuracy uses the whole test set.")
    int evalLimit;
    @Option(names = "--points-per-epoch", defaultValue = "4", description = "Curve points per epoch (default: ${DEFAULT-VALUE}).")
    int pointsPerEpoch;
    @Option(names = "--seed", defaultValue = "12345", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--pipelined", description = "Train AL with its blocks on separate threads (PipelinedTrainer,"
            + " exact to fit) instead of fit on the whole training graph.")
    boolean pipelined;
    @Option(names = "--stages", defaultValue = "2", description = "Threads of the pipelined trainer, 1..blocks"
            + " (default: ${DEFAULT-VALUE}).")
    int stages;
    @Option(names = "--save", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Save both trained models as al-MODEL-METHOD.zip in --out (without updater state), for"
                    + " 'bidizoo tsne --model FILE' (default: ${DEFAULT-VALUE}).")
    boolean save;
    @Option(names = "--export", description = "Also write registry-ready weights of both trained models to this"
            + " directory (no updater state, hash in the name; see scripts/registry-add.py).")
    Path export;
    @Option(names = "--out", defaultValue = "runs/reproduce-al", description = "Directory for the JSON and PNG (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!"mlp".equals(model) && !"cnn".equals(model)) {
            throw new IllegalArgumentException("--model: unknown '" + model + "', expected mlp or cnn");
        }
        ModelSettings s = ModelSettings.builder().seed(seed).learningRate(learningRate).build();
        AccuracyCurves.Plan plan = new AccuracyCurves.Plan(epochs, batch, trainLimit, evalLimit, pointsPerEpoch, seed);
        DataSplits data = DataSplits.load(dataset);
        if (pipelined && stages < 1) {
            throw new IllegalArgumentException("--stages = " + stages + ", expected >= 1");
        }
        if (!pipelined && spec.commandLine().getParseResult().hasMatchedOption("--stages")) {
            throw new IllegalArgumentException("--stages = " + stages + " needs --pipelined (without it AL trains"
                    + " with fit on one thread)");
        }
        AlTable31.Options options = new AlTable31.Options(pipelined ? stages : 0, save ? out : null, export,
                "bidizoo " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        List<AlTable31.Row> rows = AlTable31.run(data, model, s, plan, options, out);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("Table 3.1 (%s, %s, %d epochs, test accuracy; thesis after"
                + " 200 epochs in brackets)%n", data.name(), model, epochs));
        for (AlTable31.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("method", r.method());
            m.put("epochs", r.run().epochs());
            m.put("test_accuracy", r.run().testAccuracy());
            m.put("train_seconds", r.run().trainSeconds());
            m.put("paper", r.paper());
            m.put("parameters", r.run().parameters());
            m.put("effective_parameters", r.effective());
            List<Map<String, Object>> curve = new ArrayList<>();
            for (AccuracyCurves.Point p : r.run().curve()) {
                curve.add(Map.of("epoch", p.epoch(), "train_accuracy", p.trainAccuracy(), "test_accuracy", p.testAccuracy()));
            }
            m.put("curve", curve);
            m.put("trainer", "bp".equals(r.method()) || !pipelined ? "fit" : "pipelined-" + stages);
            List<Map<String, Object>> dist = new ArrayList<>();
            for (AlTable31.LayerDistances d : r.distances()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("layer", d.layer());
                dm.put("inter", d.distances().inter());
                dm.put("intra", d.distances().intra());
                dm.put("ratio", d.distances().ratio());
                dist.add(dm);
            }
            m.put("distances", dist);
            if (r.exported() != null) {
                m.put("export", WeightsExporter.toJson(r.exported()));
            }
            if (r.saved() != null) {
                m.put("model_file", r.saved().toString());
            }
            results.add(m);
            text.append(String.format("%-3s %s  %.4f  [%.3f]  %.0f s, %d parameters (%d effective)%n", r.model(),
                    r.method(), r.run().testAccuracy(), r.paper(), r.run().trainSeconds(), r.run().parameters(),
                    r.effective()));
            text.append("    inter:intra ratio on ").append(Math.min(evalLimit, data.test().size()))
                    .append(" test images:");
            for (AlTable31.LayerDistances d : r.distances()) {
                text.append(String.format(" %s %.3f", d.layer(), d.distances().ratio()));
            }
            text.append(System.lineSeparator());
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "al-table3.1");
        j.put("dataset", data.name());
        j.put("settings", Map.of("batch", batch, "lr", learningRate, "optimizer", "adam", "seed", seed,
                "train_examples", Math.min(trainLimit, data.train().size()), "al_lr_default",
                AssociatedZooModel.DEFAULT_LEARNING_RATE));
        j.put("results", results);
        j.put("png", out.resolve("al-" + model + "-curves.png").toString());
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("al-" + model + ".json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
        return 0;
    }
}
