package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.ReconstructionFigure;
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
    @Mixin
    SparkOptions spark;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "Zoo model name (not with --resume).")
    String model;

    @ArgGroup(exclusive = true)
    Length length;

    @Option(names = "--out", description = "Output directory (default: runs/MODEL-VARIANT-DATASET).")
    Path out;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose --out was DIR from its"
            + " newest checkpoint, with that run's options (only --json and --ui may be added); it ends with the"
            + " parameters an uninterrupted run would have.")
    Path resume;

    @Option(names = "--export", description = "Also write registry-ready weights (no updater state, hash in the name)"
            + " and their registry entry into this directory.")
    Path export;

    @Mixin
    UiOptions uiOptions;

    /** Set when continuing an interrupted run. */
    private Checkpoints.Checkpoint resuming;

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
        int keep = checkpoints.keep();
        uiOptions.validate();
        spark.validate();
        boolean checkpointing = spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")
                || spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-minutes");
        if (spark.on() && (uiOptions.on() || checkpointing)) {
            throw new IllegalArgumentException("--spark trains on the cluster without --ui or checkpoints; drop "
                    + (uiOptions.on() ? "--ui" : "--checkpoint-every/--checkpoint-minutes"));
        }
        BidizooModel m = ZooRegistry.create(model, train.variantOrNull(), train.settings());
        DataSplits data = train.dataset.load();
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
        try (RunFolder folder = RunFolder.open("--out", dir, RunFolder.bytesNeeded(g.numParams(), keep))) {
            if (resuming == null) {
                RunRecord.write(folder.dir(), spec);
            }
            DashboardRun ui = uiOptions.start(m, spec.commandLine().getErr());
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
        java.util.List<String> args = RunRecord.args(resume);
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
        original.uiOptions = uiOptions;
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
                train.batch, train.seed.seed()))).iterations(iterations)
                .listener(checkpoints.listener(folder, SavedModels.metadata(m, data.name())));
        if (resuming != null) {
            loop.resume(resuming.iteration(), resuming.position());
        }
        SparkTrainer.Outcome onSpark = !spark.on() ? null : SparkTrainer.find().train(new SparkTrainer.Request(m, g,
                data, iterations, train.batch, train.seed.seed(), spark.master, spark.workers, spark.averagingFrequency));
        double secs = onSpark != null ? onSpark.seconds() : loop.build().run().seconds();
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
        TrainReport report = new TrainReport(m.name(), variant, data.name(), iterations, train.batch, g.numParams(),
                resuming == null ? null : resuming.iteration(), secs, ev, file, png);
        Map<String, Object> r = report.toJson();
        if (onSpark != null) {
            r.put("spark", onSpark.settings());
        }
        if (export != null) {
            String cmd = "bidizoo " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            PretrainedEntry entry = WeightsExporter.export(m, g, data.name(), ev, cmd, secs, export);
            r.put("export", WeightsExporter.toJson(entry));
        }
        if (ui != null) {
            r.put("ui_url", ui.url());
            r.put("ui_storage", ui.storage() == null ? null : ui.storage().toString());
        }
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(r, report.text());
        if (ui != null && uiOptions.waitAfter()) {
            ui.await(spec.commandLine().getErr());
        }
        return 0;
    }
}
