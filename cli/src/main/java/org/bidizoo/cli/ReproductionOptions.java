package org.bidizoo.cli;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code reproduce} commands that train on images share: {@code --dataset}, {@code --seed}, {@code --out}
 * (a default folder per command) and {@code --resume} (the finished cells in {@code OUT/cells.json}).
 */
public final class ReproductionOptions {
    @Mixin
    DatasetOption dataset;
    @Mixin
    SeedOption seed;
    @Mixin
    OutOption out;
    @Mixin
    ResultCells cells;

    /** For picocli; commands pass their default folder. */
    public ReproductionOptions() {
        this("runs/reproduce");
    }

    /** @param defaultOut the command's default folder, e.g. {@code runs/reproduce-al} */
    public ReproductionOptions(String defaultOut) {
        this.dataset = new DatasetOption();
        this.seed = new SeedOption();
        this.out = new OutOption(defaultOut);
        this.cells = new ResultCells();
    }

    /**
     * Checks the folder and opens its cells: afresh, or with {@code --resume} those of a run with the same options.
     *
     * @param spec the running command
     * @return the cells
     * @throws IOException              if cells.json cannot be read
     * @throws IllegalArgumentException naming {@code --out} or {@code --resume} if the folder or the cells do not fit
     */
    ResultCells openCells(CommandSpec spec) throws IOException {
        cells.open(out.dir(), spec);
        return cells;
    }
}
