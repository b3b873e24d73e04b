package org.bidizoo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.cli.experiment.CellStore;
import org.bidizoo.datasets.io.AtomicFiles;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The finished cells of a long reproduction (one training run each: a variant, a seed, a configuration), kept in
 * {@code OUT/cells.json} and rewritten atomically as each cell finishes, so a killed run keeps them; with
 * {@code --resume} a rerun with the same options skips them, and a rerun with other options is refused. A mixin for
 * the {@code reproduce} commands; the experiments see it as their {@link CellStore}.
 */
public final class ResultCells implements CellStore {
    /** The file, inside the command's output folder. */
    static final String FILE = "cells.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--resume", description = "Keep the cells that a killed or stopped run with the same options"
            + " already finished in --out (cells.json), and run only the rest (default: start afresh).")
    boolean resume;

    private Path file;
    private Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
    private List<String> options;

    /**
     * Opens the store for a run: afresh, or (with {@code --resume}) with the cells a run with the same options
     * finished.
     *
     * @param out  the command's output folder
     * @param spec the running command, whose options must match the stored run's
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if --resume finds cells of different options
     */
    public void open(Path out, CommandLine.Model.CommandSpec spec) throws IOException {
        Files.createDirectories(out);
        this.file = out.resolve(FILE);
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        options = new ArrayList<>(all.subList(Math.max(0, all.indexOf(spec.name()) + 1), all.size()));
        options.removeIf(a -> a.equals("--resume") || a.equals("--json"));
        if (!resume || !Files.isRegularFile(file)) {
            cells = new LinkedHashMap<>();
            return;
        }
        Map<String, Object> stored = MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        if (!options.equals(stored.get("options"))) {
            throw new IllegalArgumentException("--resume: the cells in " + file + " come from the options "
                    + stored.get("options") + ", not " + options + "; rerun with those or choose another --out");
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> c = (Map<String, Map<String, Object>>) stored.get("cells");
        cells = new LinkedHashMap<>(c);
    }

    @Override
    public boolean has(String key) {
        return cells.containsKey(key);
    }

    @Override
    public Map<String, Object> cell(String key, Cell cell) throws IOException {
        if (file == null) {
            throw new IllegalStateException("cells.json: open(out, spec) first");
        }
        Map<String, Object> stored = cells.get(key);
        if (stored == null) {
            stored = CellStore.asJson(cell.run());
            cells.put(key, stored);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("options", options);
            j.put("cells", cells);
            AtomicFiles.writeString(file, Output.toJson(j));
        }
        return stored;
    }
}
