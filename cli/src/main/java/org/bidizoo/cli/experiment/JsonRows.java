package org.bidizoo.cli.experiment;

import java.util.List;
import java.util.Map;

/** Reading back the JSON rows of a result (fresh or kept in {@code cells.json}) to print them as text. */
public final class JsonRows {
    private JsonRows() {
    }

    /**
     * @param json a JSON object
     * @param key  a number field of it
     * @return the number as a double
     */
    public static double num(Map<?, ?> json, String key) {
        return ((Number) json.get(key)).doubleValue();
    }

    /**
     * @param json a JSON object
     * @param key  a field holding a list of objects
     * @return the objects
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rows(Map<?, ?> json, String key) {
        return (List<Map<String, Object>>) json.get(key);
    }
}
