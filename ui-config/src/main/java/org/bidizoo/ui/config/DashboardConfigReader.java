package org.bidizoo.ui.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParseException;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;

/**
 * Reads a {@link DashboardConfig} from a JSON file. Every error names the file, the line and the field:
 * malformed JSON, an unknown field, a value of the wrong type, or a value out of range.
 */
public final class DashboardConfigReader {
    private static final List<String> FIELDS = List.of("port", "host", "storage", "remote", "layers", "sampleSize",
            "galleryImages", "reconstructionEvery", "tsneEvery", "tsneIterations", "perplexity", "lossEvery",
            "reconstructionVertex", "occlusion");

    private DashboardConfigReader() {
    }

    /**
     * @param file a JSON object with any of the fields of {@link DashboardConfig}
     * @return the config, defaults for absent fields; a relative {@code storage} is resolved against the
     *         working directory
     * @throws IOException if the file cannot be read
     * @throws ConfigException if it is malformed or a field is invalid (the message has the line and field)
     */
    public static DashboardConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("ui-config file " + file + " does not exist");
        }
        return parse(Files.readString(file), file.toString());
    }

    /**
     * @param json   the config text
     * @param source where it came from, for messages
     * @return the config
     * @throws ConfigException if it is malformed or a field is invalid
     */
    public static DashboardConfig parse(String json, String source) {
        DashboardConfig d = DashboardConfig.defaults();
        Map<String, Object> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ConfigException(source, line(p), null, "expected a JSON object { ... }");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                int line = line(p);
                if (!FIELDS.contains(field)) {
                    throw new ConfigException(source, line, field, "unknown field; known fields are " + FIELDS);
                }
                p.nextToken();
                values.put(field, value(p, source, field));
                lines.put(field, line);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new ConfigException(source, line(p), null, "expected a field name or }");
            }
            if (p.nextToken() != null) {
                throw new ConfigException(source, line(p), null, "unexpected content after the closing }");
            }
        } catch (JsonParseException e) {
            throw new ConfigException(source, e.getLocation() == null ? -1 : e.getLocation().getLineNr(), null,
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, -1, null, "cannot parse: " + e.getMessage());
        }
        try {
            String storage = (String) values.get("storage");
            return new DashboardConfig(
                    integer(values, "port", d.port(), source, lines),
                    string(values, "host", d.host(), source, lines),
                    storage == null ? null : Path.of(storage),
                    string(values, "remote", d.remote(), source, lines),
                    list(values, "layers", d.layers(), source, lines),
                    integer(values, "sampleSize", d.sampleSize(), source, lines),
                    integer(values, "galleryImages", d.galleryImages(), source, lines),
                    integer(values, "reconstructionEvery", d.reconstructionEvery(), source, lines),
                    integer(values, "tsneEvery", d.tsneEvery(), source, lines),
                    integer(values, "tsneIterations", d.tsneIterations(), source, lines),
                    number(values, "perplexity", d.perplexity(), source, lines),
                    integer(values, "lossEvery", d.lossEvery(), source, lines),
                    string(values, "reconstructionVertex", d.reconstructionVertex(), source, lines),
                    bool(values, "occlusion", d.occlusion(), source, lines));
        } catch (DashboardConfig.InvalidFieldException e) {
            throw new ConfigException(source, lines.getOrDefault(e.field(), -1), e.field(), e.getMessage());
        }
    }

    private static Object value(JsonParser p, String source, String field) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getBooleanValue();
            case VALUE_NULL:
                return null;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw new ConfigException(source, line(p), field, "expected an array of strings, found "
                                + describe(p.currentToken()));
                    }
                    list.add(p.getText());
                }
                return list;
            default:
                throw new ConfigException(source, line(p), field, "unexpected " + describe(t));
        }
    }

    private static int integer(Map<String, Object> v, String f, int def, String source, Map<String, Integer> lines) {
        Object o = v.get(f);
        if (o == null) {
            return def;
        }
        if (!(o instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ConfigException(source, lines.get(f), f, "expected an integer, found " + show(o));
        }
        return l.intValue();
    }

    private static double number(Map<String, Object> v, String f, double def, String source, Map<String, Integer> lines) {
        Object o = v.get(f);
        if (o == null) {
            return def;
        }
        if (!(o instanceof Number n)) {
            throw new ConfigException(source, lines.get(f), f, "expected a number, found " + show(o));
        }
        return n.doubleValue();
    }

    private static String string(Map<String, Object> v, String f, String def, String source, Map<String, Integer> lines) {
        Object o = v.get(f);
        if (o == null) {
            return def;
        }
        if (!(o instanceof String s)) {
            throw new ConfigException(source, lines.get(f), f, "expected a string, found " + show(o));
        }
        return s;
    }

    private static boolean bool(Map<String, Object> v, String f, boolean def, String source, Map<String, Integer> lines) {
        Object o = v.get(f);
        if (o == null) {
            return def;
        }
        if (!(o instanceof Boolean b)) {
            throw new ConfigException(source, lines.get(f), f, "expected true or false, found " + show(o));
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> v, String f, List<String> def, String source,
                                     Map<String, Integer> lines) {
        Object o = v.get(f);
        if (o == null) {
            return def;
        }
        if (!(o instanceof List<?>)) {
            throw new ConfigException(source, lines.get(f), f, "expected an array of strings, found " + show(o));
        }
        return (List<String>) o;
    }

    private static String show(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }

    private static String describe(JsonToken t) {
        return t == null ? "end of input" : t.asString() != null ? "'" + t.asString() + "'" : t.name().toLowerCase();
    }

    private static int line(JsonParser p) {
        return p.getCurrentLocation().getLineNr();
    }
}
