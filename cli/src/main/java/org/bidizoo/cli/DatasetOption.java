package org.bidizoo.cli;

import java.io.IOException;

import org.bidizoo.zoo.train.DataSplits;

import picocli.CommandLine.Option;

/**
 * The {@code --dataset} option the commands that read images mix in; its default is {@code mnist} unless the
 * command constructs it with another.
 */
public final class DatasetOption {
    @Option(names = "--dataset", paramLabel = "NAME", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    /** {@code mnist} by default. */
    public DatasetOption() {
        this("mnist");
    }

    /** @param defaultName the command's default dataset */
    public DatasetOption(String defaultName) {
        this.dataset = defaultName;
    }

    /** @return the name as given */
    public String name() {
        return dataset;
    }

    /**
     * @return the training and test images, verified
     * @throws IOException if the files cannot be read
     * @throws IllegalArgumentException naming the value and the known datasets
     */
    public DataSplits load() throws IOException {
        return DataSplits.load(dataset);
    }
}
