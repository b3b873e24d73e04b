package org.bidizoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.InversionExperiment;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.zoo.model.InversionArchitecture;
import org.bidizoo.zoo.model.InversionModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.EntropyRamp;
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

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;
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
    ResultCells cells;

    @Option(names = "--out", defaultValue = "runs/inversion", description = "Directory for the JSON and PNG (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        InversionArchitecture arch = InversionArchitecture.byName(model);
        InvertibleStep.Pool p = switch (pool) {
            case "max" -> InvertibleStep.Pool.MAX;
            case "mean" -> InvertibleStep.Pool.MEAN;
            default -> throw new IllegalArgumentException("--pool = " + pool + ", expected max or mean");
        };
        if (!(epochs > 0) || !(baselineEpochs > 0)) {
            throw new IllegalArgumentException("--epochs = " + epochs + ", --baseline-epochs = " + baselineEpochs
                    + ", expected > 0");
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every = " + evalEvery + ", expected >= 0 (0: only at the end)");
        }
        if (testLimit < 1) {
            throw new IllegalArgumentException("--test-limit = " + testLimit + ", expected >= 1");
        }
        if (lr != null && !(lr > 0)) {
            throw new IllegalArgumentException("--lr = " + lr + ", expected > 0");
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay = " + lrDecay + ", expected in (0, 1]");
        }
        InversionModel.ReconstructionLoss rl = switch (reconLoss) {
            case "sum" -> InversionModel.ReconstructionLoss.SUM;
            case "mean" -> InversionModel.ReconstructionLoss.MEAN;
            default -> throw new IllegalArgumentException("--recon-loss: unknown '" + reconLoss
                    + "', expected sum or mean");
        };
        if (!(entropyRamp >= 0) || Double.isInfinite(entropyRamp)) {
            throw new IllegalArgumentException("--entropy-ramp = " + entropyRamp + ", expected a finite number of epochs"
                    + " >= 0 (0: no ramp)");
        }
        if (seeds.length == 0 || Arrays.stream(seeds).distinct().count() != seeds.length) {
            throw new IllegalArgumentException("--seed = " + Arrays.toString(seeds)
                    + ", expected one or more distinct seeds");
        }
        DataSplits data = DataSplits.load(dataset);
        Files.createDirectories(out);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %s pooling on %s%n", arch.cliName(), pool,
                data.name()));
        double[] semiAccuracies = new double[seeds.length];
        cells.open(out, spec);
        for (int k = 0; k < seeds.length; k++) {
            long seed = seeds[k];
            InversionModel semi = InversionModel.builder(arch).settings(settings(seed)).pool(p).alpha(alpha).beta(beta)
                    .layerGamma(layerGamma).reconstructionLoss(rl).reconstructionScale(reconScale).classBalance(classBalance)
                    .build();
            Map<String, Object> row = cells.get("semi-supervised seed " + seed).orElse(null);
            if (row == null) {
                int perEpoch = perEpoch(data, labels, semi, seed);
                EntropyRamp ramp = new EntropyRamp((int) Math.round(entropyRamp * perEpoch));
                InversionExperiment.Result r = InversionExperiment.run(semi, data, labels, length(perEpoch, epochs),
                        batch, labeledPerBatch, seed, testLimit, png(seed), evalEvery, ramp);
                row = cells.put("semi-supervised seed " + seed, row(r, seed, semi.reconstructs() ? png(seed) : null,
                        ramp));
            }
            semiAccuracies[k] = ((Number) row.get("test_accuracy")).doubleValue();
            results.add(line(row, text));
            if (baselineLabels > 0) {
                Map<String, Object> base = cells.get("baseline seed " + seed).orElse(null);
                if (base == null) {
                    InversionModel sup = InversionModel.builder(arch).settings(settings(seed)).pool(p).alpha(1.0)
                            .beta(0.0).build();
                    base = cells.put("baseline seed " + seed, row(InversionExperiment.run(sup, data, baselineLabels,
                            length(perEpoch(data, baselineLabels, sup, seed), baselineEpochs), batch, labeledPerBatch,
                            seed, testLimit, null), seed, null, EntropyRamp.NONE));
                }
                results.add(line(base, text));
            }
        }
        // what every seed's run shares: the learning rate and whether it reconstructs
        InversionModel first = InversionModel.builder(arch).settings(settings(seeds[0])).pool(p).alpha(alpha).beta(beta)
                .layerGamma(layerGamma).reconstructionLoss(rl).reconstructionScale(reconScale).build();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", data.name());
        j.put("test_examples", Math.min(testLimit, data.test().size()));
        j.put("lr", first.settings().learningRate(first.defaultLearningRate()));
        j.put("lr_decay", lrDecay);
        j.put("results", results);
        if (seeds.length > 1) {
            double mean = Arrays.stream(semiAccuracies).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(semiAccuracies).map(a -> (a - mean) * (a - mean)).sum()
                    / (seeds.length - 1));
            j.put("semi_supervised_mean_accuracy", mean);
            j.put("semi_supervised_std_accuracy", std);
            text.append(String.format(Locale.ROOT, "%d labels over %d seeds: test accuracy %.2f%% +- %.2f (sample"
                    + " std)%n", labels, seeds.length, 100 * mean, 100 * std));
        }
        j.put("png", first.reconstructs() ? png(seeds[0]).toString() : null);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().stripTrailing());
        return 0;
    }

    private ModelSettings settings(long seed) {
        ModelSettings.Builder sb = ModelSettings.builder().seed(seed).learningRateDecay(lrDecay);
        if (lr != null) {
            sb.learningRate(lr);
        }
        return sb.build();
    }

    private Path png(long seed) {
        return out.resolve(seeds.length == 1 ? "reconstructions.png" : "reconstructions-seed" + seed + ".png");
    }

    private int perEpoch(DataSplits data, int numLabeled, InversionModel m, long seed) {
        return InversionExperiment.batchesPerEpoch(data, numLabeled, batch, labeledPerBatch, m.alpha() == 1.0, seed);
    }

    /** @return --iterations if given, else {@code e} epochs of {@code perEpoch} minibatches (at least one) */
    private int length(int perEpoch, double e) {
        if (iterations != null) {
            if (iterations < 1) {
                throw new IllegalArgumentException("--iterations = " + iterations + ", expected >= 1");
            }
            return iterations;
        }
        return Math.max(1, (int) Math.round(e * perEpoch));
    }

    private static Map<String, Object> row(InversionExperiment.Result r, long seed, Path png, EntropyRamp ramp) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", r.spec().architecture().cliName());
        j.put("seed", seed);
        j.put("pool", r.spec().variantName());
        j.put("labels", r.labels());
        j.put("alpha", r.spec().alpha());
        j.put("beta", r.spec().beta());
        j.put("layer_gamma", r.spec().layerGamma());
        j.put("recon_loss", r.spec().reconstructionLoss().toString().toLowerCase(Locale.ROOT));
        j.put("recon_scale", r.spec().reconstructionScale());
        j.put("entropy_ramp_iterations", ramp.iterations());
        j.put("class_balance", r.spec().classBalance());
        j.put("test_accuracy", r.testAccuracy());
        j.put("epochs", r.epochs());
        j.put("iterations", r.iterations());
        j.put("train_seconds", r.trainSeconds());
        j.put("recon_mse", Double.isNaN(r.reconMse()) ? null : r.reconMse());
        List<Map<String, Object>> curve = new ArrayList<>();
        for (InversionExperiment.Checkpoint c : r.curve()) {
            curve.add(Map.of("iteration", c.iteration(), "epochs", c.epochs(), "test_accuracy", c.testAccuracy()));
        }
        j.put("curve", curve);
        j.put("confusion", r.confusion());
        j.put("png", png == null ? null : png.toString());
        return j;
    }

    /** Appends a result row's line to the text and returns the row. */
    private static Map<String, Object> line(Map<String, Object> j, StringBuilder text) {
        text.append(String.format(Locale.ROOT, "%5d labels, alpha %.2f beta %.2f, seed %d: test accuracy %.2f%% (%.2f"
                + " epochs, %.0f s)%n", ((Number) j.get("labels")).intValue(), ((Number) j.get("alpha")).doubleValue(),
                ((Number) j.get("beta")).doubleValue(), ((Number) j.get("seed")).longValue(),
                100 * ((Number) j.get("test_accuracy")).doubleValue(), ((Number) j.get("epochs")).doubleValue(),
                ((Number) j.get("train_seconds")).doubleValue()));
        return j;
    }
}
