package org.bidizoo.zoo.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Every pretrained weight file bidizoo knows, read from the data file {@code registry.json} beside
 * the shipped weights. An id is {@code model[-variant]/VERSION}; a duplicate id, or a model with no or
 * two DEFAULT entries per dataset, is an error.
 */
public final class PretrainedRegistry {
    private static final List<PretrainedEntry> ENTRIES = load();

    private PretrainedRegistry() {
    }

    /** @return every entry, in file order */
    public static List<PretrainedEntry> all() {
        return ENTRIES;
    }

    /**
     * @param id {@code model[-variant]/VERSION}, e.g. {@code lmser-dense-un/MNIST_V1}
     * @return the entry
     * @throws IllegalArgumentException naming the value and the known ids
     */
    public static PretrainedEntry byId(String id) {
        for (PretrainedEntry e : ENTRIES) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("pretrained: unknown id '" + id + "'; expected one of "
                + ENTRIES.stream().map(PretrainedEntry::id).toList());
    }

    /**
     * @param model   zoo name
     * @param variant variant name, or empty
     * @param dataset dataset name
     * @return the DEFAULT entry for that model, variant and dataset
     * @throws IllegalArgumentException if there is none
     */
    public static PretrainedEntry defaultFor(String model, String variant, String dataset) {
        for (PretrainedEntry e : ENTRIES) {
            if (e.isDefault() && e.model().equals(model) && e.variant().equals(variant) && e.dataset().equals(dataset)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no pretrained weights for " + model + (variant.isEmpty() ? "" : " " + variant)
                + " on " + dataset + "; available: " + ENTRIES.stream().map(PretrainedEntry::id).toList());
    }

    static List<PretrainedEntry> load() {
        try (InputStream in = PretrainedRegistry.class.getResourceAsStream(WeightsDownloader.RESOURCE_DIR
                + "registry.json")) {
            if (in == null) {
                throw new IllegalStateException("registry.json is missing from the bidizoo-zoo jar");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the pretrained registry: " + e.getMessage(), e);
        }
    }

    static List<PretrainedEntry> parse(JsonNode root) {
        List<PretrainedEntry> out = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (JsonNode n : root.get("weights")) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            n.get("metrics").fields().forEachRemaining(f -> metrics.put(f.getKey(), f.getValue().asDouble()));
            PretrainedEntry e = new PretrainedEntry(n.get("model").asText(), n.path("variant").asText(""),
                    n.get("dataset").asText(), n.get("version").asText(), n.get("file").asText(),
                    n.get("sha256").asText(), n.get("size").asLong(), n.get("parameters").asLong(),
                    Collections.unmodifiableMap(metrics), n.get("preprocessing").asText(), n.get("licence").asText(),
                    n.get("command").asText(), n.get("train_seconds").asDouble(), n.get("shipped").asBoolean(),
                    n.path("default").asBoolean(false));
            if (!e.sha256().matches("[0-9a-f]{64}") || !e.fileName().contains(e.sha256().substring(0, 8))) {
                throw new IllegalStateException("pretrained " + e.id() + ": sha256 must be 64 lower-case hex digits and"
                        + " the file name must carry its first 8, got " + e.fileName() + " / " + e.sha256());
            }
            for (PretrainedEntry o : out) {
                if (o.id().equals(e.id())) {
                    throw new IllegalStateException("pretrained id " + e.id() + " is registered twice");
                }
            }
            if (e.isDefault()) {
                String key = e.model() + "/" + e.variant() + "/" + e.dataset();
                if (defaults.put(key, e.id()) != null) {
                    throw new IllegalStateException("two DEFAULT pretrained entries for " + key);
                }
            }
            out.add(e);
        }
        return Collections.unmodifiableList(out);
    }
}
