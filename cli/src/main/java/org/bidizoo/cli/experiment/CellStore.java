package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Where a long experiment keeps its finished cells (one training run each: a method, a seed, a configuration)
 * as the JSON they report, so that a killed run keeps them and a rerun with the same options skips them. The
 * {@code reproduce} commands keep them in {@code OUT/cells.json}, rewritten atomically as each cell finishes
 * ({@code org.bidizoo.cli.ResultCells}); {@link #inMemory()} keeps them for one run only.
 *
 * <p>A cell's JSON is what the store returns whether it ran now or came from disk: maps, lists, strings,
 * numbers and booleans as JSON reads them back, so a resumed run prints what an uninterrupted one does.
 */
public interface CellStore {
    /** One cell's work. */
    @FunctionalInterface
    interface Cell {
        /**
         * @return the cell's result as JSON (maps, lists, arrays, strings, numbers, booleans)
         * @throws IOException if a file it writes cannot be written
         */
        Map<String, Object> run() throws IOException;
    }

    /**
     * @param key  the cell's name, unique within the experiment
     * @param cell runs the cell, when no finished copy is stored
     * @return the stored result, or the new one (stored before this returns)
     * @throws IOException if the result cannot be stored or the cell fails to write a file
     */
    Map<String, Object> cell(String key, Cell cell) throws IOException;

    /**
     * @param key a cell's name
     * @return whether a finished copy is stored (so {@link #cell} will not run it)
     */
    boolean has(String key);

    /** @return a store that keeps cells for the life of the object only (nothing to resume) */
    static CellStore inMemory() {
        Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
        return new CellStore() {
            @Override
            public Map<String, Object> cell(String key, Cell cell) throws IOException {
                Map<String, Object> stored = cells.get(key);
                if (stored == null) {
                    stored = asJson(cell.run());
                    cells.put(key, stored);
                }
                return stored;
            }

            @Override
            public boolean has(String key) {
                return cells.containsKey(key);
            }
        };
    }

    /**
     * @param result a cell's result
     * @return the same as JSON reads it back (arrays become lists, numbers keep their value)
     */
    static Map<String, Object> asJson(Map<String, Object> result) {
        return new ObjectMapper().convertValue(result, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
