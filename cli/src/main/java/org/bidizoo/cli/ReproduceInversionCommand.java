package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.GraphWatch;
import org.bidizoo.cli.experiment.InversionTable2;
import org.bidizoo.cli.experiment.Report;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.InversionArchitecture;
import org.bidizoo.zoo.train.DataSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce inversion}: Table 2 of seed 002, semi-supervised learning by network inversion. */
@Command(name = "inversion", mixinStandardHelpOptions = true,
        description = "Table 2 of seed 002: test accuracy with N labeled images and the rest unlabeled (Eq. 10),"
                + " beside the supervised-only baseline (alpha 1, beta 0) on more labels; writes a PNG of"
                + " reconstructions J(x)^T f(x).")
public final class ReproduceInversionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--model", defaultValue = "smallcnn",
            description = "smallcnn, largecnn, resnet2-32, resnet3-16 or peer-smallcnn (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--pool", defaultValue = "mean", description = "max or mean pooling (default: ${DEFAULT-VALUE}).")
    String pool;
    @Option(names = "--labels", defaultValue = "50", description = "Labeled training images (default: ${DEFAULT-VALUE}).")
    int labels;
    @Option(names = "--alpha", defaultValue = "0.7", description = "Weight of the supervised loss (default: ${DEFAULT-VALUE}).")
    double alpha;
    @Option(names = "--beta", defaultValue = "0.2",
            description = "Share of the reconstruction in the unsupervised loss (default: ${DEFAULT-VALUE}).")
    double beta;
    @Option(names = "--layer-gamma", defaultValue = "0",
            description = "Eq. 11: weight of each inner layer's reconstruction loss R^(l) (Eq. 12), 0 = off (default:"
                    + " ${DEFAULT-VALUE}).")
    double layerGamma;
    @Option(names = "--recon-loss", defaultValue = "mean", description = "R per example: sum (Eq. 8's squared"
            + " norm over the pixels) or mean (over the pixels) (default: ${DEFAULT-VALUE}).")
    String reconLoss;
    @Option(names = "--recon-scale", defaultValue = "1", description = "Factor on R after --recon-loss's reduction,"
            + " >= 0 (default: ${DEFAULT-VALUE}, Eq. 10 as written; 0 drops R and keeps the entropy's weight).")
    double reconScale;
    @Option(names = "--entropy-ramp", defaultValue = "0", description = "Eq. 13: epochs over which the entropy's"
            + " weight rises linearly from 0 to (1 - alpha)(1 - beta), reconstruction and cross-entropy first (default:"
            + " ${DEFAULT-VALUE}, Eq. 10's constant weight).")
    double entropyRamp;
    @Option(names = "--class-balance", defaultValue = "0", description = "Not in seed 002: weight of a loss keeping"
            + " each minibatch's mean prediction on the unlabeled rows near uniform (KL from uniform), against one class"
            + " absorbing another's unlabeled images (default: ${DEFAULT-VALUE}, none).")
    double classBalance;
    @Option(names = "--epochs", defaultValue = "1",
            description = "Epochs over the training set (semi-supervised) or the labeled images (baseline) (default:"
                    + " ${DEFAULT-VALUE}).")
    double epochs;
    @Option(names = "--iterations", description = "Minibatches per run, instead of --epochs.")
    Integer iterations;
    @Option(names = "--baseline-labels", defaultValue = "1000",
            description = "Labels of the supervised-only baseline, 0 to skip it (default: ${DEFAULT-VALUE}).")
    int baselineLabels;
    @Option(names = "--baseline-epochs", defaultValue = "50",
            description = "Epochs of the baseline over its labeled images (default: ${DEFAULT-VALUE}).")
    double baselineEpochs;
    @Option(names = "--eval-every", defaultValue = "0", description = "Also test every N minibatches of the"
            + " semi-supervised run (JSON curve; default: ${DEFAULT-VALUE} = only at the end).")
    int evalEvery;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--labeled-per-batch", defaultValue = "25",
            description = "Labeled rows in each semi-supervised minibatch (default: ${DEFAULT-VALUE}, half of 50: with 10"
                    + " the 50-label run stalled at 87%, see BENCHMARKS.md).")
    int labeledPerBatch;
    @Option(names = "--lr", description = "Adam learning rate (default: 1e-3; the paper's 0.01 sent smallcnn to chance,"
            + " see BENCHMARKS.md).")
    Double lr;
    @Option(names = "--lr-decay", defaultValue = "1", description = "Learning-rate factor per minibatch, in (0, 1]"
            + " (default: ${DEFAULT-VALUE}, constant; e.g. 0.99976 divides it by 10 over 4 epochs of 50 labels).")
    double lrDecay;
    @Option(names = "--test-limit", defaultValue = "10000",
            description = "Test images to evaluate on (default: ${DEFAULT-VALUE}, the whole MNIST test set).")
    int testLimit;
    @Option(names = "--seed", defaultValue = "12345", split = ",", description = "Seed of the labeled set, the"
            + " initialisation and the shuffling; a comma-separated list runs each and adds the mean and standard"
            + " deviation of the test accuracy over them (default: ${DEFAULT-VALUE}).")
    long[] seeds;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    OutOption outOption = new OutOption("runs/inversion");
    @Mixin
    ResultCells cells;
    @Mixin
    UiOptions uiOptions;

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        Path out = outOption.dir();
        InversionTable2.Options o = new InversionTable2.Options(InversionArchitecture.byName(model),
                InversionTable2.pool(pool), labels, alpha, beta, layerGamma, InversionTable2.reconstructionLoss(reconLoss),
                reconScale, classBalance, entropyRamp, epochs, iterations, baselineLabels, baselineEpochs, evalEvery,
                batch, labeledPerBatch, lr, lrDecay, testLimit, seeds);
        DataSplits data = DataSplits.load(dataset);
        cells.open(out, spec);
        try (DashboardRun ui = uiOptions.start(o.semiSupervised(seeds[0]), spec.commandLine().getErr())) {
            // each run's network in turn: its reconstructions (J(x)^T f(x)), inversion, t-SNE and DL4J's pages
            Report r = InversionTable2.run(o, data, out, cells, ui == null ? GraphWatch.NONE
                    : (m, g) -> ui.attach(m, g, data.test(), data.name()));
            if (ui != null) {
                r.json().put("ui_url", ui.url());
            }
            AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(r.json()));
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(r.json(), r.text());
            uiOptions.awaitAfter(ui, spec.commandLine().getErr());
        }
        return 0;
    }
}
