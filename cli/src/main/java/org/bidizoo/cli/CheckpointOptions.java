package org.bidizoo.cli;

import java.time.Duration;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The checkpoint options of {@code train}: how often, and how many are kept; validated here. */
public final class CheckpointOptions {
    @Option(names = "--checkpoint-every", defaultValue = "1000", description = "Write a checkpoint (parameters,"
            + " updater state, position in the data) into OUT/checkpoints every N iterations; 0: only by time"
            + " (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--checkpoint-minutes", description = "Also write a checkpoint when this many minutes have"
            + " passed since the last one (default: off).")
    Double minutes;

    @Option(names = "--keep-checkpoints", defaultValue = "2", description = "Checkpoints kept, newest first"
            + " (default: ${DEFAULT-VALUE}).")
    int keep;

    /**
     * @return checkpoints kept
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    int keep() {
        if (keep < 1) {
            throw new IllegalArgumentException("--keep-checkpoints = " + keep + ", expected >= 1");
        }
        if (every < 0) {
            throw new IllegalArgumentException("--checkpoint-every = " + every + ", expected >= 0");
        }
        if (minutes != null && minutes <= 0) {
            throw new IllegalArgumentException("--checkpoint-minutes = " + minutes + ", expected > 0");
        }
        return keep;
    }

    /** @return iterations between checkpoints (0: only by time) */
    int every() {
        keep();
        return every;
    }

    /** @return time between checkpoints, or null */
    Duration time() {
        keep();
        return minutes == null ? null : Duration.ofMillis(Math.round(minutes * 60_000));
    }

    /**
     * @param spec the running command
     * @return whether the user set how often checkpoints are written
     */
    static boolean given(CommandSpec spec) {
        return spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")
                || spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-minutes");
    }
}
