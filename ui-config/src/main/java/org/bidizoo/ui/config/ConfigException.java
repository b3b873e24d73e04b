package org.bidizoo.ui.config;

/** A malformed or invalid ui-config file; the message names the file, the line and the field. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String field;

    /**
     * @param source the file
     * @param line   1-based line, or -1 if unknown
     * @param field  the field, or null when the error is not in one field
     * @param what   what is wrong
     */
    public ConfigException(String source, int line, String field, String what) {
        super("ui-config " + source + (line > 0 ? " line " + line : "") + (field == null ? "" : ", field \"" + field
                + "\"") + ": " + what);
        this.line = line;
        this.field = field;
    }

    /** @return the 1-based line, or -1 */
    public int line() {
        return line;
    }

    /** @return the field, or null */
    public String field() {
        return field;
    }
}
