package org.bidizoo.zoo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bidizoo.datasets.source.Sha256;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Writes trained weights as a registry-ready file: the graph without updater state, named
 * {@code model[-variant]-dataset-v1-<sha8>.zip}, and the registry entry describing it.
 */
public final class WeightsExporter {
    private WeightsExporter() {
    }

    /**
     * @param spec         the zoo model
     * @param graph        its trained graph
     * @param dataset      the dataset it was trained on
     * @param ev           its test-set evaluation
     * @param command      the command that trained it
     * @param trainSeconds training time
     * @param dir          where to write the file
     * @return the entry (not shipped, not DEFAULT: the maintainer decides when adding it to registry.json)
     * @throws IOException if it cannot be written
     */
    public static PretrainedEntry export(BidizooModel spec, ComputationGraph graph, String dataset, Evaluation ev,
                                         String command, double trainSeconds, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "export", ".zip");
        ModelSerializer.writeModel(graph, tmp.toFile(), false);
        String sha = Sha256.of(tmp);
        String base = spec.name() + (spec.variantName().isEmpty() ? "" : "-" + spec.variantName()) + "-" + dataset;
        String version = dataset.replace('-', '_').toUpperCase(Locale.ROOT) + "_V1";
        Path file = dir.resolve(base + "-v1-" + sha.substring(0, 8) + ".zip");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        readableByAll(file);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!Double.isNaN(ev.reconMse())) {
            metrics.put("recon_mse", ev.reconMse());
        }
        if (!Double.isNaN(ev.accuracy())) {
            metrics.put("test_accuracy", ev.accuracy());
        }
        return new PretrainedEntry(spec.name(), spec.variantName(), dataset, version, file.getFileName().toString(), sha,
                Files.size(file), graph.numParams(), metrics, "pixels / 255 in [0, 1], " + spec.featureLayout()
                + " layout, " + String.join("x", java.util.Arrays.stream(spec.settings().inputShape())
                .mapToObj(String::valueOf).toList()), "Apache-2.0", command, trainSeconds, false, false);
    }

    /** Temporary files are created owner-only; weights are meant to be shared (a mirror, the registry). */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * @param e an entry
     * @return its registry.json object
     */
    public static Map<String, Object> toJson(PretrainedEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", e.model());
        m.put("variant", e.variant());
        m.put("dataset", e.dataset());
        m.put("version", e.version());
        m.put("file", e.fileName());
        m.put("sha256", e.sha256());
        m.put("size", e.size());
        m.put("parameters", e.parameters());
        m.put("metrics", e.metrics());
        m.put("preprocessing", e.preprocessing());
        m.put("licence", e.licence());
        m.put("command", e.command());
        m.put("train_seconds", e.trainSeconds());
        m.put("shipped", e.shipped());
        m.put("default", e.isDefault());
        return m;
    }
}
