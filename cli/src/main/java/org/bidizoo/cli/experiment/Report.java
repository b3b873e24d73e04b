package org.bidizoo.cli.experiment;

import java.util.Map;

/**
 * What an experiment reports: the JSON its command prints with {@code --json} (and writes into its folder), and
 * the same as lines of text.
 *
 * @param json maps, lists, strings, numbers, booleans
 * @param text human-readable lines, no trailing newline
 */
public record Report(Map<String, Object> json, String text) {
}
