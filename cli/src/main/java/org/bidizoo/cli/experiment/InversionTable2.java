package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.zoo.model.InversionArchitecture;
import org.bidizoo.zoo.model.InversionModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.EntropyRamp;

/**
 * Table 2 of seed 002: for each seed, an {@link InversionModel} trained semi-supervised on N labels (Eq. 10) and,
 * beside it, the supervised-only baseline (α = 1, β = 0) on more labels; over several seeds the mean and sample
 * standard deviation of the semi-supervised test accuracy. Each run is one cell of a {@link CellStore}.
 */
public final class InversionTable2 {
    private InversionTable2() {
    }

    /**
     * What to run; validated here, once (the model's own values by {@link InversionModel.Builder}).
     *
     * @param architecture    the network
     * @param pool            max or mean pooling
     * @param labels          labeled training images of the semi-supervised runs
     * @param alpha           weight of the supervised loss
     * @param beta            share of the reconstruction in the unsupervised loss
     * @param layerGamma      Eq. 11's weight of each inner layer's reconstruction loss, 0 = off
     * @param reconLoss       R per example: the sum or the mean over the pixels
     * @param reconScale      factor on R, {@code >= 0}
     * @param classBalance    weight of the class-balance loss (not in seed 002), 0 = none
     * @param entropyRamp     epochs over which the entropy's weight rises from 0 (Eq. 13), 0 = none
     * @param epochs          epochs of a semi-supervised run (over the training set)
     * @param iterations      minibatches per run instead of epochs, or null
     * @param baselineLabels  labels of the baseline, 0 = no baseline
     * @param baselineEpochs  epochs of the baseline over its labels
     * @param evalEvery       minibatches between test measurements of a semi-supervised run, 0 = only at the end
     * @param batch           minibatch size
     * @param labeledPerBatch labeled rows per semi-supervised minibatch
     * @param lr              Adam learning rate, or null for the model's
     * @param lrDecay         learning-rate factor per minibatch, in (0, 1]
     * @param testLimit       test images to evaluate on
     * @param seeds           distinct seeds, one semi-supervised run (and baseline) each
     */
    public record Options(InversionArchitecture architecture, InvertibleStep.Pool pool, int labels, double alpha,
                          double beta, double layerGamma, InversionModel.ReconstructionLoss reconLoss, double reconScale,
                          double classBalance, double entropyRamp, double epochs, Integer iterations, int baselineLabels,
                          double baselineEpochs, int evalEvery, int batch, int labeledPerBatch, Double lr, double lrDecay,
                          int testLimit, long[] seeds) {
        /** @throws IllegalArgumentException naming the option, the value and what was expected */
        public Options {
            if (!(epochs > 0) || !(baselineEpochs > 0)) {
                throw new IllegalArgumentException("--epochs = " + epochs + ", --baseline-epochs = " + baselineEpochs
                        + ", expected > 0");
            }
            if (iterations != null && iterations < 1) {
                throw new IllegalArgumentException("--iterations = " + iterations + ", expected >= 1");
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
            if (!(entropyRamp >= 0) || Double.isInfinite(entropyRamp)) {
                throw new IllegalArgumentException("--entropy-ramp = " + entropyRamp + ", expected a finite number of"
                        + " epochs >= 0 (0: no ramp)");
            }
            if (seeds.length == 0 || Arrays.stream(seeds).distinct().count() != seeds.length) {
                throw new IllegalArgumentException("--seed = " + Arrays.toString(seeds)
                        + ", expected one or more distinct seeds");
            }
            seeds = seeds.clone();
            semiSupervised(architecture, pool, alpha, beta, layerGamma, reconLoss, reconScale, classBalance,
                    ModelSettings.builder().build()); // the model's own values, checked by its builder
        }

        /** @return the seeds (a copy) */
        @Override
        public long[] seeds() {
            return seeds.clone();
        }

        /**
         * @param seed a seed
         * @return the semi-supervised model of that seed (validated by its builder)
         */
        public InversionModel semiSupervised(long seed) {
            return semiSupervised(architecture, pool, alpha, beta, layerGamma, reconLoss, reconScale, classBalance,
                    settings(seed));
        }

        private static InversionModel semiSupervised(InversionArchitecture architecture, InvertibleStep.Pool pool,
                                                     double alpha, double beta, double layerGamma,
                                                     InversionModel.ReconstructionLoss reconLoss, double reconScale,
                                                     double classBalance, ModelSettings settings) {
            return InversionModel.builder(architecture).settings(settings).pool(pool).alpha(alpha).beta(beta)
                    .layerGamma(layerGamma).reconstructionLoss(reconLoss).reconstructionScale(reconScale)
                    .classBalance(classBalance).build();
        }

        /**
         * @param seed a seed
         * @return the supervised-only baseline of that seed
         */
        public InversionModel baseline(long seed) {
            return InversionModel.builder(architecture).settings(settings(seed)).pool(pool).alpha(1.0).beta(0.0).build();
        }

        private ModelSettings settings(long seed) {
            ModelSettings.Builder sb = ModelSettings.builder().seed(seed).learningRateDecay(lrDecay);
            if (lr != null) {
                sb.learningRate(lr);
            }
            return sb.build();
        }
    }

    /**
     * @param value {@code max} or {@code mean}
     * @return the pooling
     */
    public static InvertibleStep.Pool pool(String value) {
        return switch (value) {
            case "max" -> InvertibleStep.Pool.MAX;
            case "mean" -> InvertibleStep.Pool.MEAN;
            default -> throw new IllegalArgumentException("--pool = " + value + ", expected max or mean");
        };
    }

    /**
     * @param value {@code sum} or {@code mean}
     * @return the reduction of R
     */
    public static InversionModel.ReconstructionLoss reconstructionLoss(String value) {
        return switch (value) {
            case "sum" -> InversionModel.ReconstructionLoss.SUM;
            case "mean" -> InversionModel.ReconstructionLoss.MEAN;
            default -> throw new IllegalArgumentException("--recon-loss: unknown '" + value + "', expected sum or mean");
        };
    }

    /**
     * @param o     what to run
     * @param data  the dataset
     * @param out   where the reconstructions' PNGs go
     * @param cells where finished runs are kept (a run another invocation finished is taken as it is)
     * @return the table
     * @throws IOException if a PNG or a cell cannot be written
     */
    public static Report run(Options o, DataSplits data, Path out, CellStore cells) throws IOException {
        return run(o, data, out, cells, GraphWatch.NONE);
    }

    /**
     * {@link #run(Options, DataSplits, Path, CellStore)}, telling {@code watch} of each network before it trains.
     *
     * @param watch told of each fresh graph (the dashboard of {@code reproduce inversion --ui})
     * @return the table
     * @throws IOException if a PNG or a cell cannot be written
     */
    public static Report run(Options o, DataSplits data, Path out, CellStore cells, GraphWatch watch)
            throws IOException {
        long[] seeds = o.seeds();
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %s pooling on %s%n",
                o.architecture().cliName(), o.pool().toString().toLowerCase(Locale.ROOT), data.name()));
        double[] semi = new double[seeds.length];
        for (int k = 0; k < seeds.length; k++) {
            long seed = seeds[k];
            Map<String, Object> row = cells.cell("semi-supervised seed " + seed, () -> {
                InversionModel m = o.semiSupervised(seed);
                int perEpoch = perEpoch(o, data, o.labels(), m, seed);
                EntropyRamp ramp = new EntropyRamp((int) Math.round(o.entropyRamp() * perEpoch));
                Path png = png(out, seeds, seed);
                return row(InversionExperiment.run(m, data, new InversionExperiment.Schedule(o.labels(),
                        length(o, perEpoch, o.epochs()), o.batch(), o.labeledPerBatch(), seed, o.testLimit(),
                        o.evalEvery(), ramp, png), watch), seed, m.reconstructs() ? png : null, ramp);
            });
            semi[k] = ((Number) row.get("test_accuracy")).doubleValue();
            results.add(line(row, text));
            if (o.baselineLabels() > 0) {
                results.add(line(cells.cell("baseline seed " + seed, () -> {
                    InversionModel sup = o.baseline(seed);
                    int perEpoch = perEpoch(o, data, o.baselineLabels(), sup, seed);
                    return row(InversionExperiment.run(sup, data, new InversionExperiment.Schedule(o.baselineLabels(),
                            length(o, perEpoch, o.baselineEpochs()), o.batch(), o.labeledPerBatch(), seed,
                            o.testLimit(), 0, EntropyRamp.NONE, null), watch), seed, null, EntropyRamp.NONE);
                }), text));
            }
        }
        InversionModel first = o.semiSupervised(seeds[0]);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", data.name());
        j.put("test_examples", Math.min(o.testLimit(), data.test().size()));
        j.put("lr", first.settings().learningRate(first.defaultLearningRate()));
        j.put("lr_decay", o.lrDecay());
        j.put("results", results);
        if (seeds.length > 1) {
            double mean = Arrays.stream(semi).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(semi).map(a -> (a - mean) * (a - mean)).sum() / (seeds.length - 1));
            j.put("semi_supervised_mean_accuracy", mean);
            j.put("semi_supervised_std_accuracy", std);
            text.append(String.format(Locale.ROOT, "%d labels over %d seeds: test accuracy %.2f%% +- %.2f (sample"
                    + " std)%n", o.labels(), seeds.length, 100 * mean, 100 * std));
        }
        j.put("png", first.reconstructs() ? png(out, seeds, seeds[0]).toString() : null);
        return new Report(j, text.toString().stripTrailing());
    }

    private static Path png(Path out, long[] seeds, long seed) {
        return out.resolve(seeds.length == 1 ? "reconstructions.png" : "reconstructions-seed" + seed + ".png");
    }

    private static int perEpoch(Options o, DataSplits data, int numLabeled, InversionModel m, long seed) {
        return InversionExperiment.batchesPerEpoch(data, numLabeled, o.batch(), o.labeledPerBatch(), m.alpha() == 1.0,
                seed);
    }

    /** @return --iterations if given, else {@code epochs} epochs of {@code perEpoch} minibatches (at least one) */
    private static int length(Options o, int perEpoch, double epochs) {
        return o.iterations() != null ? o.iterations() : Math.max(1, (int) Math.round(epochs * perEpoch));
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
