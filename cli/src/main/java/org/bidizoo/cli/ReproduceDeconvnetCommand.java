package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.DeconvNetExperiment;
import org.bidizoo.cli.experiment.Report;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.ui.listener.ReconstructionPoster;
import org.bidizoo.zoo.deconvnet.DeconvNetConfig;
import org.bidizoo.zoo.deconvnet.DeconvNetTrainer;
import org.bidizoo.zoo.train.DataSplits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bidizoo reproduce deconvnet}: seed 004's deconvolutional network (Zeiler et al. 2010) — filters learned
 * by minimising J with ISTA/FISTA for the feature maps, measured on held-out images against random unit-norm filters.
 */
@Command(name = "deconvnet", mixinStandardHelpOptions = true,
        description = "Seed 004's deconvolutional network: sparse feature maps inferred by FISTA (or ISTA) for fixed"
                + " filters, filters learned by projected gradient steps on J = lambda/2 ||sum_i z_i * f_i - y||^2 +"
                + " sum |z|^p; held-out reconstruction MSE per pixel, sparsity and J of the learned filters against"
                + " random unit-norm filters; PNGs of the filters and reconstructions.")
final class ReproduceDeconvnetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    DatasetOption datasetOption;
    @Mixin
    SeedOption seedOption = new SeedOption(1);
    @Mixin
    OutOption outOption = new OutOption("runs/reproduce-deconvnet");
    @Mixin
    UiOptions uiOptions;

    @Option(names = "--maps", defaultValue = "16", description = "Feature maps K (default: ${DEFAULT-VALUE}).")
    int maps;
    @Option(names = "--kernel", defaultValue = "7", description = "Filter side (default: ${DEFAULT-VALUE}).")
    int kernel;
    @Option(names = "--lambda", defaultValue = "5", description = "Weight of the reconstruction term of J (default:"
            + " ${DEFAULT-VALUE}).")
    double lambda;
    @Option(names = "--p", defaultValue = "1", description = "Exponent of the sparsity term sum |z|^p, 1 <= p <= 2"
            + " (default: ${DEFAULT-VALUE}).")
    double p;
    @Option(names = "--steps", defaultValue = "20", description = "FISTA/ISTA iterations per training batch"
            + " (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--eval-steps", defaultValue = "100", description = "FISTA/ISTA iterations per held-out image"
            + " (default: ${DEFAULT-VALUE}).")
    int evalSteps;
    @Option(names = "--ista", description = "ISTA instead of FISTA (default: FISTA).")
    boolean ista;
    @Option(names = "--updates", defaultValue = "1500", description = "Filter updates, one per minibatch (default:"
            + " ${DEFAULT-VALUE}).")
    int updates;
    @Option(names = "--batch", defaultValue = "32", description = "Images per filter update (default:"
            + " ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--rate", defaultValue = "0.5", description = "Filter step as a fraction of 1/L (default:"
            + " ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--test-images", defaultValue = "2000", description = "Held-out test images measured, the first"
            + " ones (default: ${DEFAULT-VALUE}).")
    int testImages;

    @Override
    public Integer call() throws Exception {
        DeconvNetConfig c;
        try {
            c = DeconvNetConfig.builder().maps(maps).kernel(kernel).lambda(lambda).p(p).inferenceSteps(steps)
                    .fista(!ista).filterRate(rate).batch(batch).seed(seedOption.seed()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replace("filterRate", "rate"), e);
        }
        if (updates < 1) {
            throw new IllegalArgumentException("--updates = " + updates + ": expected >= 1 filter updates");
        }
        Path out = outOption.dir();
        DataSplits data = datasetOption.load();
        try (DashboardRun ui = uiOptions.start(null, spec.commandLine().getErr())) {
            Report r = DeconvNetExperiment.run(data, c, updates, evalSteps, testImages, out,
                    ui == null ? (u, n) -> { } : dashboardProgress(ui, data, updates));
            r.json().put("command", commandLine());
            if (ui != null) {
                r.json().put("ui_url", ui.url());
                r.json().put("ui_storage", ui.storage() == null ? null : ui.storage().toString());
            }
            AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(r.json()));
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(r.json(), r.text());
            uiOptions.awaitAfter(ui, spec.commandLine().getErr());
        }
        return 0;
    }

    /**
     * @return a progress hook that posts the first test images and their current ISTA/FISTA reconstructions to the
     *         dashboard's reconstruction page every {@code reconstructionEvery} updates and after the last
     */
    private static DeconvNetTrainer.Progress dashboardProgress(DashboardRun ui, DataSplits data, int updates) {
        ReconstructionPoster poster = ui.reconstructions("deconvnet");
        LabeledImages test = data.test();
        int[] idx = new int[Math.min(ui.galleryImages(), test.size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        INDArray x = test.features(idx, FeatureLayout.NCHW).castTo(DataType.FLOAT);
        int every = ui.reconstructionEvery();
        return (u, net) -> {
            if (u == 1 || u % every == 0 || u == updates) {
                poster.post(u, x, net.reconstruct(x), test.channels(), test.height(), test.width());
            }
        };
    }

    private String commandLine() {
        return "./bidizoo reproduce deconvnet --dataset " + datasetOption.name() + " --maps " + maps + " --kernel "
                + kernel + " --lambda " + lambda + " --p " + p + " --steps " + steps + " --eval-steps " + evalSteps
                + (ista ? " --ista" : "") + " --updates " + updates + " --batch " + batch + " --rate " + rate
                + " --test-images " + testImages + " --seed " + seedOption.seed();
    }
}
