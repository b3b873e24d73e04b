package org.bidizoo.zoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.zoo.experiment.DataSplits;
import org.bidizoo.zoo.experiment.ReconstructionFigure;
import org.bidizoo.zoo.experiment.SavedModels;
import org.bidizoo.zoo.experiment.TrainedModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserModel;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.pretrained.WeightsExporter;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo train MODEL}: trains any zoo model, evaluates it on the test set, saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a zoo model (lmser-dense, lmser-conv, fcn, cnn), evaluate it on the test set, save it"
                + " and a PNG of reconstructions.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    TrainOptions train;

    @Parameters(paramLabel = "MODEL", description = "Zoo model name.")
    String model;

    @ArgGroup(exclusive = true)
    Length length;

    @Option(names = "--out", description = "Output directory (default: runs/MODEL-VARIANT-DATASET).")
    Path out;

    @Option(names = "--export", description = "Also write registry-ready weights (no updater state, hash in the name)"
            + " and their registry entry into this directory.")
    Path export;

    @Option(names = "--ui", arity = "0..1", fallbackValue = "", paramLabel = "CONFIG",
            description = "Watch training in DL4J's UI with the bidizoo dashboard (reconstructions, t-SNE of hidden"
                    + " layers, losses); the URL is printed. CONFIG: a ui-config JSON file (default: port 9000, in"
                    + " memory). Write it after MODEL, or as --ui=CONFIG.")
    String ui;

    @Option(names = "--ui-host", paramLabel = "ADDRESS",
            description = "With --ui: the address the dashboard listens on, overriding \"host\" in CONFIG (default"
                    + " 127.0.0.1, this machine only; 0.0.0.0 = every interface, reachable from other machines).")
    String uiHost;

    @Option(names = "--ui-wait", description = "With --ui: keep the dashboard open after training until Ctrl-C"
            + " (default: off).")
    boolean uiWait;

    /** Training length: iterations or epochs (default 2000 iterations). */
    static final class Length {
        @Option(names = "--iterations", description = "Minibatches to train on (default 2000).")
        Integer iterations;
        @Option(names = "--epochs", description = "Epochs over the training set.")
        Integer epochs;
    }

    @Override
    public Integer call() throws Exception {
        BidizooModel m = ZooRegistry.create(model, train.variantOrNull(), train.settings());
        DataSplits data = DataSplits.load(train.dataset);
        int iterations = length == null || (length.iterations == null && length.epochs == null) ? 2000
                : length.iterations != null ? length.iterations
                : (int) Math.ceil((double) length.epochs * data.train().size() / train.batch);
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations/--epochs must give at least one iteration, got " + iterations);
        }
        String variant = m instanceof LmserModel l ? l.variant().cliName() : null;
        Path dir = out != null ? out : Path.of("runs", model + (variant == null ? "" : "-" + variant) + "-" + data.name());
        if (uiWait && this.ui == null) {
            throw new IllegalArgumentException("--ui-wait keeps the dashboard open, so it needs --ui");
        }
        if (uiHost != null && this.ui == null) {
            throw new IllegalArgumentException("--ui-host = " + uiHost + " sets the dashboard's address, so it needs"
                    + " --ui");
        }
        DashboardRun ui = this.ui == null ? null : DashboardRun.start(this.ui, uiHost, m,
                spec.commandLine().getErr());
        try {
            return run(m, data, iterations, variant, dir, ui);
        } finally {
            if (ui != null) {
                ui.close();
            }
        }
    }

    private Integer run(BidizooModel m, DataSplits data, int iterations, String variant, Path dir, DashboardRun ui)
            throws Exception {
        TrainedModel tm = TrainedModel.train(m, data, iterations, train.batch, train.seed,
                g -> {
                    if (ui != null) {
                        ui.attach(m, g, data.test(), data.name());
                    }
                });
        if (ui != null) {
            ui.finish(tm.graph(), iterations);
        }
        ComputationGraph g = tm.graph();
        double secs = tm.trainSeconds();
        Evaluation ev = Evaluator.evaluate(m, g, data.testIterator(m.featureLayout(), Integer.MAX_VALUE));
        Path file = dir.resolve("model.zip");
        SavedModels.save(m, g, data.name(), file);
        Path png = null;
        if (m.reconstructs()) {
            png = dir.resolve("reconstructions.png");
            ReconstructionFigure.write(m, g, data.test(), 16, png);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        if (export != null) {
            String cmd = "bidizoo " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            PretrainedEntry entry = WeightsExporter.export(m, g, data.name(), ev, cmd, secs, export);
            r.put("export", WeightsExporter.toJson(entry));
        }
        r.put("model", m.name());
        r.put("variant", variant);
        r.put("dataset", data.name());
        r.put("iterations", iterations);
        r.put("batch", train.batch);
        r.put("parameters", g.numParams());
        r.put("train_seconds", secs);
        r.put("train_samples_per_s", iterations * (double) train.batch / secs);
        r.put("recon_mse", Double.isNaN(ev.reconMse()) ? null : ev.reconMse());
        r.put("test_accuracy", Double.isNaN(ev.accuracy()) ? null : ev.accuracy());
        r.put("test_examples", ev.examples());
        r.put("model_file", file.toString());
        r.put("png", png == null ? null : png.toString());
        if (ui != null) {
            r.put("ui_url", ui.url());
            r.put("ui_storage", ui.storage() == null ? null : ui.storage().toString());
        }
        String text = String.format("%s%s on %s: %d iterations in %.1f s%s%s%nsaved %s%s", m.name(),
                variant == null ? "" : " (" + variant + ")", data.name(), iterations, secs,
                Double.isNaN(ev.reconMse()) ? "" : String.format(", test reconstruction MSE %.5f", ev.reconMse()),
                Double.isNaN(ev.accuracy()) ? "" : String.format(", test accuracy %.2f%%", 100 * ev.accuracy()),
                file, png == null ? "" : " and " + png);
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(r, text);
        if (ui != null && uiWait) {
            ui.await(spec.commandLine().getErr());
        }
        return 0;
    }
}
