package org.bidizoo.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option every command mixes in. */
public final class JsonOption {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of human text (default: off).")
    boolean json;

    /** @return whether JSON output was asked for */
    public boolean json() {
        return json;
    }
}
