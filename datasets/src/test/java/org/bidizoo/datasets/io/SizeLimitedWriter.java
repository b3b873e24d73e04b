package org.bidizoo.datasets.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run by {@link AtomicFilesTest} in a child JVM whose file size is limited ({@code ulimit -f}): replaces a file by
 * {@code bytes} bytes through {@link AtomicFiles}, prints the error and exits 3 if that fails, 0 if it works.
 */
final class SizeLimitedWriter {
    private SizeLimitedWriter() {
    }

    /** @param args the target file and the number of bytes to write */
    public static void main(String[] args) {
        try {
            AtomicFiles.writeString(Path.of(args[0]), "x".repeat(Integer.parseInt(args[1])));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
