package org.bidizoo.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Prints a command's result: one JSON object on stdout with {@code --json}, human text otherwise.
 * Logs and progress bars go to stderr, so stdout stays parseable.
 */
public final class Output {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final boolean json;

    /**
     * @param out  standard output
     * @param json whether to print JSON
     */
    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** @return whether output is JSON */
    public boolean json() {
        return json;
    }

    /**
     * Prints the result.
     *
     * @param result the JSON object (maps, lists, strings, numbers, booleans)
     * @param text   the human-readable text, used when not printing JSON
     */
    public void print(Map<String, ?> result, String text) {
        if (json) {
            out.println(toJson(result));
        } else {
            out.println(text);
        }
        out.flush();
    }

    /**
     * @param value maps, lists, strings, numbers, booleans
     * @return indented JSON
     */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
