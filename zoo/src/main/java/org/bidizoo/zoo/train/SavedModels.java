package org.bidizoo.zoo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves a trained zoo model as a DL4J model zip (with updater state) that also records which zoo
 * model, variant and dataset it is, so commands can reload it by file name alone.
 */
public final class SavedModels {
    /** Name of the zoo metadata (model, variant, dataset) inside a model zip. */
    static final String META = "bidizoo-meta";

    private SavedModels() {
    }

    /**
     * A reloaded model.
     *
     * @param spec    the zoo model it was built from
     * @param graph   the trained graph
     * @param dataset the dataset it was trained on
     */
    public record Loaded(BidizooModel spec, ComputationGraph graph, String dataset) {
    }

    /**
     * @param spec    the zoo model
     * @param graph   its trained graph
     * @param dataset the dataset it was trained on
     * @param file    the zip to write
     * @throws IOException if it cannot be written
     */
    public static void save(BidizooModel spec, ComputationGraph graph, String dataset, Path file) throws IOException {
        save(spec, graph, dataset, file, true);
    }

    /**
     * @param spec        the zoo model
     * @param graph       its trained graph
     * @param dataset     the dataset it was trained on
     * @param file        the zip to write
     * @param withUpdater also the updater state (needed to resume training; doubles to triples the size with Adam)
     * @throws IOException if it cannot be written
     */
    public static void save(BidizooModel spec, ComputationGraph graph, String dataset, Path file, boolean withUpdater)
            throws IOException {
        HashMap<String, String> meta = metadata(spec, dataset);
        AtomicFiles.write(file, tmp -> ModelZips.write(graph, withUpdater, Map.of(META, meta), tmp));
    }

    /**
     * @param spec    the zoo model
     * @param dataset the dataset it is trained on
     * @return what {@link #load} needs to rebuild it: model, variant and dataset names
     */
    public static HashMap<String, String> metadata(BidizooModel spec, String dataset) {
        HashMap<String, String> meta = new HashMap<>();
        meta.put("model", spec.name());
        meta.put("variant", variantOf(spec) == null ? "" : variantOf(spec).cliName());
        meta.put("dataset", dataset);
        return meta;
    }

    /**
     * @param file a file that should be a model zip
     * @throws IOException naming the file if it is missing, truncated or not a zip at all
     */
    static void requireCompleteZip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + " does not exist");
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            if (z.getEntry("configuration.json") == null) {
                throw new IOException("model file " + file + " is a zip file but not a DL4J model (no"
                        + " configuration.json)");
            }
        } catch (ZipException e) {
            throw new IOException("model file " + file + " is not a complete zip file (" + Files.size(file)
                    + " bytes; truncated, or not a model): " + e.getMessage(), e);
        }
    }

    /**
     * @param file a zip written by {@link #save}
     * @return the model, its graph and its dataset
     * @throws IOException if the file is missing or was not written by bidizoo
     */
    public static Loaded load(Path file) throws IOException {
        requireCompleteZip(file);
        Map<String, String> meta;
        try {
            meta = ModelSerializer.getObjectFromFile(file.toFile(), META);
        } catch (RuntimeException e) {
            throw new IOException("model file " + file + " has no bidizoo metadata (written by 'bidizoo train'?): "
                    + e.getMessage(), e);
        }
        String v = meta.get("variant");
        BidizooModel spec = ZooRegistry.create(meta.get("model"), v == null || v.isEmpty() ? null
                : LmserVariant.byName(v), ModelSettings.builder().build());
        ComputationGraph g = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        return new Loaded(spec, g, meta.get("dataset"));
    }

    private static LmserVariant variantOf(BidizooModel spec) {
        return spec instanceof LmserModel l ? l.variant() : null;
    }
}
