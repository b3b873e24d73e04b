package org.bidizoo.datasets.source;

import java.util.Locale;
import java.util.Objects;

/**
 * One file of a dataset as it is published: its name, its full SHA-256 and the IDX dimensions its
 * content must have.
 */
public final class DataFile {
    private final String fileName;
    private final String sha256;
    private final int[] dims;

    /**
     * @param fileName file name as published (e.g. {@code train-images-idx3-ubyte})
     * @param sha256   full SHA-256 of the file as published, 64 hex digits
     * @param dims     IDX dimensions of its content, outermost (the example count) first
     */
    public DataFile(String fileName, String sha256, int... dims) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("sha256 of " + fileName + " must be 64 hex digits, got " + sha256);
        }
        this.sha256 = sha256.toLowerCase(Locale.ROOT);
        this.dims = dims.clone();
    }

    /** @return the published file name */
    public String fileName() {
        return fileName;
    }

    /** @return the expected SHA-256, lower-case hex */
    public String sha256() {
        return sha256;
    }

    /** @return the expected IDX dimensions (a copy) */
    public int[] dims() {
        return dims.clone();
    }

    /** @return the number of examples the file holds */
    public int count() {
        return dims[0];
    }
}
