package org.bidizoo.datasets.idx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files (well-formed or deliberately broken) for tests. */
public final class IdxFixtures {
    private IdxFixtures() {
    }

    /**
     * @param magic the 4-byte magic number to write (0x00000803 for a rank-3 byte file)
     * @param dims  dimensions to write in the header
     * @param data  data bytes after the header
     * @return the file's bytes
     */
    public static byte[] bytes(int magic, int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a well-formed images file of n images h×w whose pixel (i, j) of image k is (k + i + j) mod 256 */
    public static byte[] images(int n, int h, int w) {
        byte[] data = new byte[n * h * w];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    data[k * h * w + i * w + j] = (byte) (k * 7 + i + j);
                }
            }
        }
        return bytes(0x00000803, new int[] {n, h, w}, data);
    }

    /** @return a well-formed labels file whose label k is k mod classes */
    public static byte[] labels(int n, int classes) {
        byte[] data = new byte[n];
        for (int k = 0; k < n; k++) {
            data[k] = (byte) (k % classes);
        }
        return bytes(0x00000801, new int[] {n}, data);
    }

    /** Writes bytes to a file, gzipped if asked. */
    public static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }
}
