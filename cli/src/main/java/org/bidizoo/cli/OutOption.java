package org.bidizoo.cli;

import java.nio.file.Path;

import org.bidizoo.zoo.train.RunFolder;

import picocli.CommandLine.Option;

/**
 * The {@code --out} option of the commands that write results into a folder. The command constructs it with its
 * default folder; {@link #dir()} checks the folder before any work is done.
 */
public final class OutOption {
    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results: JSON, PNGs, models"
            + " (default: ${DEFAULT-VALUE}).")
    Path out;

    /** @param defaultDir the command's default folder, e.g. {@code runs/attend} */
    public OutOption(String defaultDir) {
        this.out = Path.of(defaultDir);
    }

    /** For picocli; commands pass their default folder. */
    public OutOption() {
        this("runs/out");
    }

    /**
     * @return the folder, as given
     * @throws IllegalArgumentException naming {@code --out} if the folder or one above it is a file
     */
    public Path dir() {
        RunFolder.requireFolder("--out", out);
        return out;
    }
}
