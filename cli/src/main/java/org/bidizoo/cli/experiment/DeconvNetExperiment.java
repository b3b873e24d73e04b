package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.zoo.deconvnet.DeconvNet;
import org.bidizoo.zoo.deconvnet.DeconvNetConfig;
import org.bidizoo.zoo.deconvnet.DeconvNetTrainer;
import org.bidizoo.zoo.train.DataSplits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Seed 004's deconvolutional network on real images: filters learned by alternating minimisation of J on the
 * training images, then held-out reconstruction MSE per pixel, sparsity and J of the learned filters against the
 * random unit-norm filters they started from, with the same λ, p and inference budget. PNGs of both filter sets
 * and of test reconstructions.
 */
public final class DeconvNetExperiment {
    private DeconvNetExperiment() {
    }

    /**
     * @param data       the dataset
     * @param config     settings (training inference steps included)
     * @param updates    filter updates
     * @param evalSteps  ISTA/FISTA iterations per held-out image
     * @param testImages held-out images measured (the first ones)
     * @param out        folder for {@code deconvnet-DATASET-filters.png} and {@code -reconstructions.png}
     * @return the report (its JSON has {@code settings} and {@code results})
     * @throws IOException if a PNG cannot be written
     */
    public static Report run(DataSplits data, DeconvNetConfig config, int updates, int evalSteps, int testImages,
                             Path out) throws IOException {
        return run(data, config, updates, evalSteps, testImages, out, (u, n) -> { });
    }

    /**
     * As {@link #run(DataSplits, DeconvNetConfig, int, int, int, Path)}, telling {@code progress} after each filter
     * update (the dashboard's reconstructions).
     *
     * @param data       the dataset
     * @param config     settings (training inference steps included)
     * @param updates    filter updates
     * @param evalSteps  ISTA/FISTA iterations per held-out image
     * @param testImages held-out images measured (the first ones)
     * @param out        folder for the PNGs
     * @param progress   told after each filter update
     * @return the report
     * @throws IOException if a PNG cannot be written
     */
    public static Report run(DataSplits data, DeconvNetConfig config, int updates, int evalSteps, int testImages,
                             Path out, DeconvNetTrainer.Progress progress) throws IOException {
        if (evalSteps < 1) {
            throw new IllegalArgumentException("--eval-steps = " + evalSteps + ": expected >= 1 ISTA/FISTA iterations");
        }
        if (testImages < 1) {
            throw new IllegalArgumentException("--test-images = " + testImages + ": expected >= 1");
        }
        long t0 = System.nanoTime();
        DeconvNetTrainer.Trained t = DeconvNetTrainer.train(config, data.train(), updates, DataType.FLOAT, progress);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        DeconvNet learned = t.net().withInferenceSteps(evalSteps);
        DeconvNet random = DeconvNet.random(config, data.train().channels(), DataType.FLOAT)
                .withInferenceSteps(evalSteps);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("deconvnet on %s: %d maps %dx%d, lambda %s, p %s, %d"
                + " updates of %d images (%s, %d steps), measured on %d test images with %d steps%n", data.name(),
                config.maps(), config.kernel(), config.kernel(), config.lambda(), config.p(), updates, config.batch(),
                config.fista() ? "FISTA" : "ISTA", config.inferenceSteps(), testImages, evalSteps));
        for (DeconvNet net : List.of(learned, random)) {
            boolean isLearned = net == learned;
            long e0 = System.nanoTime();
            DeconvNet.Metrics m = net.evaluate(data.test(), testImages);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", "deconvnet");
            j.put("filters", isLearned ? "learned" : "random");
            j.put("updates", isLearned ? updates : 0);
            j.put("recon_mse", m.reconMse());
            j.put("zero_fraction", m.zeroFraction());
            j.put("mean_abs_code", m.meanAbsCode());
            j.put("objective_per_image", m.objective());
            j.put("test_images", m.images());
            j.put("eval_seconds", (System.nanoTime() - e0) / 1e9);
            if (isLearned) {
                j.put("train_seconds", trainSeconds);
                j.put("train_objective_first", t.objective().get(0));
                j.put("train_objective_last", t.objective().get(t.objective().size() - 1));
            }
            results.add(j);
            text.append(String.format("  %-7s filters: recon MSE/pixel %.5f, zero maps %.2f%%, mean |z| %.5f, J/image"
                    + " %.2f%n", j.get("filters"), m.reconMse(), 100 * m.zeroFraction(), m.meanAbsCode(),
                    m.objective()));
        }
        String stem = "deconvnet-" + data.name();
        Path filters = out.resolve(stem + "-filters.png");
        ImageGrid.write(filters, List.of(filterImages(learned), filterImages(random)), data.train().channels(),
                config.kernel(), config.kernel(), 6);
        Path recon = out.resolve(stem + "-reconstructions.png");
        int[] idx = new int[Math.min(12, data.test().size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        INDArray y = data.test().features(idx, FeatureLayout.NCHW).castTo(DataType.FLOAT);
        ImageGrid.write(recon, List.of(y, learned.reconstruct(y), random.reconstruct(y)), data.test().channels(),
                data.test().height(), data.test().width(), 2);
        text.append("filters (top row learned, bottom random): ").append(filters).append("\nrows test images, learned"
                + " and random reconstructions: ").append(recon);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maps", config.maps());
        settings.put("kernel", config.kernel());
        settings.put("lambda", config.lambda());
        settings.put("p", config.p());
        settings.put("train_inference_steps", config.inferenceSteps());
        settings.put("eval_inference_steps", evalSteps);
        settings.put("method", config.fista() ? "fista" : "ista");
        settings.put("filter_rate", config.filterRate());
        settings.put("batch", config.batch());
        settings.put("updates", updates);
        settings.put("seed", config.seed());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "deconvnet");
        j.put("dataset", data.name());
        j.put("settings", settings);
        j.put("results", results);
        j.put("png", List.of(filters.toString(), recon.toString()));
        return new Report(j, text.toString());
    }

    /** @return each filter as an image {@code [K, C, k, k]}, scaled to [0, 1] by its own range */
    private static INDArray filterImages(DeconvNet net) {
        INDArray f = net.dictionary().filters(); // [k, k, K, C]
        INDArray img = f.permute(2, 3, 0, 1).dup('c');
        for (long i = 0; i < img.size(0); i++) {
            INDArray fi = img.get(NDArrayIndex.point(i));
            double lo = fi.minNumber().doubleValue();
            double hi = fi.maxNumber().doubleValue();
            fi.subi(lo).divi(Math.max(hi - lo, 1e-12));
        }
        return img.castTo(Nd4j.dataType());
    }
}
