package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bidizoo.zoo.train.Evaluation;

/**
 * What {@code bidizoo train} reports: the run, the test evaluation and the files written.
 *
 * @param model      zoo name
 * @param variant    Lmser variant, or null
 * @param dataset    dataset name
 * @param iterations iterations of the whole run
 * @param batch      minibatch size
 * @param parameters parameters of the graph
 * @param resumedAt  iterations done before a resumed run started, or null
 * @param seconds    seconds in training steps (of this run)
 * @param evaluation test evaluation
 * @param modelFile  the saved model
 * @param png        the reconstructions' PNG, or null
 */
record TrainReport(String model, String variant, String dataset, int iterations, int batch, long parameters,
                   Integer resumedAt, double seconds, Evaluation evaluation, Path modelFile, Path png) {
    /** @return the JSON {@code train --json} prints */
    Map<String, Object> toJson() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model);
        r.put("variant", variant);
        r.put("dataset", dataset);
        r.put("iterations", iterations);
        r.put("batch", batch);
        r.put("parameters", parameters);
        r.put("resumed_at", resumedAt);
        r.put("train_seconds", seconds);
        r.put("train_samples_per_s", (iterations - (resumedAt == null ? 0 : resumedAt)) * (double) batch / seconds);
        r.put("recon_mse", Double.isNaN(evaluation.reconMse()) ? null : evaluation.reconMse());
        r.put("test_accuracy", Double.isNaN(evaluation.accuracy()) ? null : evaluation.accuracy());
        r.put("test_examples", evaluation.examples());
        r.put("model_file", modelFile.toString());
        r.put("png", png == null ? null : png.toString());
        return r;
    }

    /** @return the text {@code train} prints */
    String text() {
        return String.format("%s%s on %s: %d iterations in %.1f s%s%s%nsaved %s%s", model,
                variant == null ? "" : " (" + variant + ")", dataset, iterations, seconds,
                Double.isNaN(evaluation.reconMse()) ? "" : String.format(", test reconstruction MSE %.5f",
                        evaluation.reconMse()),
                Double.isNaN(evaluation.accuracy()) ? "" : String.format(", test accuracy %.2f%%",
                        100 * evaluation.accuracy()),
                modelFile, png == null ? "" : " and " + png);
    }
}
