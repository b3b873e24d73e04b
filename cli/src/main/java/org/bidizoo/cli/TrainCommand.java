package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.ReconstructionFigure;
import org.bidizoo.zoo.model.AutoencoderCorruption;
import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.stacked.StackedEngine;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bidizoo train MODEL}: options for one {@link TrainingRun} (train, evaluate, save), its report printed. */
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
    @Mixin
    CheckpointOptions checkpoints;
    @Mixin
    UiOptions uiOptions;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "Zoo model name (not with --resume).")
    String model;

    @ArgGroup(exclusive = true)
    Length length;

    @Option(names = "--out", description = "Output directory (default: runs/MODEL-VARIANT-DATASET).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose --out was DIR from its"
            + " newest checkpoint, with that run's options (only --json and --ui may be added); it ends with the"
            + " parameters an uninterrupted run would have.")
    Path resume;

    @Option(names = "--corruption", paramLabel = "LEVEL", description = "A denoising autoencoder's input noise"
            + " (ae-denoising-*, ae-conv-denoising-masking, stacked-dae): sigma of the Gaussian noise, or the fraction"
            + " of pixels salted/peppered or masked, in (0, 1] (default: the model's).")
    Double corruption;

    @Option(names = "--export", description = "Also write registry-ready weights (no updater state, hash in the name)"
            + " and their registry entry into this directory.")
    Path export;

    /** Set by {@link RunRecord#resume} when this command continues an interrupted run in {@link #out}. */
    boolean continuing;

    /** Training length: iterations or epochs (default 2000 iterations). */
    static final class Length {
        @Option(names = "--iterations", description = "Minibatches to train on (default 2000).")
        Integer iterations;
        @Option(names = "--epochs", description = "Epochs over the training set.")
        Integer epochs;

        static void apply(Length l, TrainingRun.Builder run) {
            Integer n = l == null ? null : l.iterations != null ? l.iterations : l.epochs;
            if (n != null && n < 1) {
                throw new IllegalArgumentException((l.iterations != null ? "--iterations" : "--epochs") + " = " + n
                        + ", expected >= 1");
            }
            if (n != null && l.iterations != null) {
                run.iterations(n);
            } else if (n != null) {
                run.epochs(n);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return RunRecord.resume(this, resume, jsonOption, uiOptions).call();
        }
        if (model == null) {
            throw new IllegalArgumentException("MODEL is required (or --resume DIR to continue a run)");
        }
        uiOptions.validate();
        spark.validate(CheckpointOptions.given(spec));
        BidizooModel m = corruption == null ? ZooRegistry.create(model, train.variantOrNull(), train.settings())
                : withCorruption(ZooRegistry.create(model, train.variantOrNull(), train.settings()));
        TrainingRun.Engine engine = spark.engine();
        if (StackedEngine.forModel(m) != null) {
            if (engine != null || CheckpointOptions.given(spec)) {
                throw new IllegalArgumentException(model + " trains its levels greedily on one machine, without"
                        + " checkpoints; drop " + (engine != null ? "--spark" : "the checkpoint options"));
            }
            engine = StackedEngine.INSTANCE;
        }
        DataSplits data = train.dataset.load();
        TrainingRun.Builder run = TrainingRun.builder(m, data).batch(train.batch).seed(train.seed.seed())
                .checkpoints(checkpoints.every(), checkpoints.time(), checkpoints.keep())
                .figure(ReconstructionFigure::intoFolder).engine(engine)
                .onStart(dir -> RunRecord.write(dir, spec));
        Length.apply(length, run);
        if (continuing) {
            run.out(out, "--resume").resume();
        } else if (out != null) {
            run.out(out, "--out");
        }
        if (export != null) {
            run.export(export, "bidizoo " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        }
        try (DashboardRun ui = uiOptions.start(m, spec.commandLine().getErr())) {
            TrainingRun.Result r = run.watcher(ui).build().run();
            Map<String, Object> json = r.toJson();
            if (ui != null) {
                json.put("ui_url", ui.url());
                json.put("ui_storage", ui.storage() == null ? null : ui.storage().toString());
            }
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(json, r.text());
            uiOptions.awaitAfter(ui, spec.commandLine().getErr());
        }
        return 0;
    }

    /** @return the denoising autoencoder with its corruption's level set to {@code --corruption} */
    private BidizooModel withCorruption(BidizooModel m) {
        if (!(m instanceof AutoencoderModel ae) || ae.corruption() == null) {
            throw new IllegalArgumentException("--corruption sets a denoising autoencoder's noise level; " + model
                    + " has no input corruption (ae-denoising-gaussian, ae-denoising-salt-pepper, ae-denoising-masking,"
                    + " ae-conv-denoising-masking, stacked-dae have)");
        }
        return ZooRegistry.builder(model, AutoencoderModel.Builder.class).settings(m.settings())
                .corruption(new AutoencoderCorruption(ae.corruption().kind(), corruption)).build();
    }
}
