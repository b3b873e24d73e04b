package org.bidizoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.ReconstructionFigure;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserModel;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.Checkpoints;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.RunFolder;
import org.bidizoo.zoo.train.SavedModels;
import org.bidizoo.zoo.train.TrainingLoop;
import org.bidizoo.zoo.train.WeightsExporter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bidizoo train MODEL}: trains any zoo model, evaluates it on the test set, saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a zoo model (lmser-dense, lmser-conv, fcn, cnn, rbm-binary, dbn, ...), evaluate it on the"
                + " test set, save it and a PNG of reconstructions. RBMs train by contrastive divergence (DL4J's"
                + " pretrainLayer); a DBN's first iterations pretrain its RBMs, the rest fine-tune it.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    TrainOptions train;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "Zoo model name (not with --resume).")
    String model;

    @ArgGroup(exclusive = true)
    Length length;

    @Option(names = "--out", description = "Output directory (default: runs/MODEL-VARIANT-DATASET).")
    Path out;

    @Option(names = "--checkpoint-every", defaultValue = "1000", description = "Write a checkpoint (parameters,"
            + " updater state, position in the data) into OUT/checkpoints every N iterations; 0: only by time"
            + " (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", description = "Also write a checkpoint when this many minutes have"
            + " passed since the last one (default: off).")
    Double checkpointMinutes;

    @Option(names = "--keep-checkpoints", defaultValue = "2", description = "Checkpoints kept, newest first"
            + " (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose --out was DIR from its"
            + " newest checkpoint, with that run's options (only --json and --ui may be added); it ends with the"
            + " parameters an uninterrupted run would have.")
    Path resume;

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

    /** Set when continuing an interrupted run. */
    private Checkpoints.Checkpoint resuming;

    /** The run's own options, written into OUT so that --resume can re-read them. */
    static final String RUN_RECORD = "run.json";

    /** Training length: iterations or epochs (default 2000 iterations). */
    static final class Length {
        @Option(names = "--iterations", description = "Minibatches to train on (default 2000).")
        Integer iterations;
        @Option(names = "--epochs", description = "Epochs over the training set.")
        Integer epochs;
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resumeRun();
        }
        if (model == null) {
            throw new IllegalArgumentException("MODEL is required (or --resume DIR to continue a run)");
        }
        if (keepCheckpoints < 1) {
            throw new IllegalArgumentException("--keep-checkpoints = " + keepCheckpoints + ", expected >= 1");
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every = " + checkpointEvery + ", expected >= 0");
        }
        if (checkpointMinutes != null && checkpointMinutes <= 0) {
            throw new IllegalArgumentException("--checkpoint-minutes = " + checkpointMinutes + ", expected > 0");
        }
        if (uiWait && this.ui == null) {
            throw new IllegalArgumentException("--ui-wait keeps the dashboard open, so it needs --ui");
        }
        if (uiHost != null && this.ui == null) {
            throw new IllegalArgumentException("--ui-host = " + uiHost + " sets the dashboard's address, so it needs"
                    + " --ui");
        }
        BidizooModel m = ZooRegistry.create(model, train.variantOrNull(), train.settings());
        DataSplits data = DataSplits.load(train.dataset);
        int iterations = length == null || (length.iterations == null && length.epochs == null) ? 2000
                : length.iterations != null ? length.iterations
                : (int) Math.ceil((double) length.epochs * data.train().size() / train.batch);
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations/--epochs must give at least one iteration, got " + iterations);
        }
        long pretrain = m.pretraining().stream().mapToLong(p -> p.iterations()).sum();
        if (m.classifies() && !m.pretraining().isEmpty() && pretrain >= iterations) {
            spec.commandLine().getErr().printf("bidizoo: %s pretrains %d layers for %d minibatches in all; %d iterations"
                    + " leave no fine-tuning (give more iterations)%n", m.name(), m.pretraining().size(), pretrain,
                    iterations);
        }
        String variant = m instanceof LmserModel l ? l.variant().cliName() : null;
        Path dir = out != null ? out : Path.of("runs", model + (variant == null ? "" : "-" + variant) + "-" + data.name());
        ComputationGraph g = resuming == null ? m.init() : resuming.restore();
        try (RunFolder folder = RunFolder.open("--out", dir, RunFolder.bytesNeeded(g.numParams(), keepCheckpoints))) {
            if (resuming == null) {
                java.util.List<String> all = spec.commandLine().getParseResult().originalArgs();
                AtomicFiles.writeString(folder.dir().resolve(RUN_RECORD), Output.toJson(Map.of("command", "train",
                        "args", all.subList(all.indexOf(spec.name()) + 1, all.size()))));
            }
            DashboardRun ui = this.ui == null ? null : DashboardRun.start(this.ui, uiHost, m,
                    spec.commandLine().getErr());
            try {
                return run(m, data, iterations, variant, folder, g, ui);
            } finally {
                if (ui != null) {
                    ui.close();
                }
            }
        }
    }

    /** Re-reads the interrupted run's options and continues it from its newest checkpoint. */
    private Integer resumeRun() throws Exception {
        java.util.Set<String> allowed = java.util.Set.of("--resume", "--json", "--ui", "--ui-wait", "--ui-host");
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!allowed.contains(o.longestName())) {
                throw new IllegalArgumentException("--resume continues a run with its own options; " + o.longestName()
                        + " cannot be changed (only --json and --ui may be added)");
            }
        }
        if (model != null) {
            throw new IllegalArgumentException("--resume continues a run with its own model; drop MODEL '" + model + "'");
        }
        Path record = resume.resolve(RUN_RECORD);
        if (!Files.isRegularFile(record)) {
            throw new IllegalArgumentException("--resume " + resume + ": no " + RUN_RECORD + " there (not the --out of a"
                    + " 'bidizoo train' run)");
        }
        java.util.List<String> args = new java.util.ArrayList<>();
        for (var n : new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(record.toFile()).get("args")) {
            args.add(n.asText());
        }
        Checkpoints.Checkpoint cp = new Checkpoints(resume.resolve(RunFolder.CHECKPOINTS), 1).latest()
                .orElseThrow(() -> new IllegalArgumentException("--resume " + resume + ": the run wrote no checkpoint"
                        + " yet; start it again"));
        TrainCommand original = new TrainCommand();
        CommandLine cl = new CommandLine(original);
        FiniteNumbers.register(cl);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        cl.parseArgs(args.toArray(new String[0]));
        original.out = resume;
        original.resuming = cp;
        original.jsonOption = jsonOption;
        original.ui = ui;
        original.uiWait = uiWait;
        original.uiHost = uiHost;
        spec.commandLine().getErr().printf("bidizoo: resuming %s at iteration %d (%s)%n", resume, cp.iteration(),
                cp.file().getFileName());
        return original.call();
    }

    private Integer run(BidizooModel m, DataSplits data, int iterations, String variant, RunFolder folder,
                        ComputationGraph g, DashboardRun ui) throws Exception {
        Path dir = folder.dir();
        if (ui != null) {
            ui.attach(m, g, data.test(), data.name());
        }
        TrainingLoop.Builder loop = TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(m.featureLayout(),
                train.batch, train.seed))).iterations(iterations)
                .listener(folder.checkpoints(keepCheckpoints).listener(checkpointEvery, checkpointMinutes == null ? null
                        : java.time.Duration.ofMillis(Math.round(checkpointMinutes * 60_000)),
                        SavedModels.metadata(m, data.name())));
        if (resuming != null) {
            loop.resume(resuming.iteration(), resuming.position());
        }
        double secs = loop.build().run().seconds();
        if (ui != null) {
            ui.finish(g, iterations);
        }
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
        r.put("resumed_at", resuming == null ? null : resuming.iteration());
        r.put("train_seconds", secs);
        r.put("train_samples_per_s", (iterations - (resuming == null ? 0 : resuming.iteration())) * (double) train.batch
                / secs);
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
