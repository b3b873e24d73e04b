package org.bidizoo.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --seed} option the commands that train or sample mix in: one seed for the weights, the shuffling and
 * every other random choice of the run. Its default is 12345 unless the command constructs it with another.
 */
public final class SeedOption {
    @Option(names = "--seed", description = "Seed of the weights, the shuffling and every other random choice"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    /** 12345 by default. */
    public SeedOption() {
        this(12345);
    }

    /** @param defaultSeed the command's default seed */
    public SeedOption(long defaultSeed) {
        this.seed = defaultSeed;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }
}
