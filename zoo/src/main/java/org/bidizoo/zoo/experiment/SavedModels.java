package org.bidizoo.zoo.experiment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
    private static final String META = "bidizoo-meta";

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
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        File f = file.toFile();
        ModelSerializer.writeModel(graph, f, withUpdater);
        HashMap<String, String> meta = new HashMap<>();
        meta.put("model", spec.name());
        meta.put("variant", variantOf(spec) == null ? "" : variantOf(spec).cliName());
        meta.put("dataset", dataset);
        ModelSerializer.addObjectToFile(f, META, meta);
    }

    /**
     * @param file a zip written by {@link #save}
     * @return the model, its graph and its dataset
     * @throws IOException if the file is missing or was not written by bidizoo
     */
    public static Loaded load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + " does not exist");
        }
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
