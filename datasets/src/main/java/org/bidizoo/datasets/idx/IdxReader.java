package org.bidizoo.datasets.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed.
 *
 * <p>The header is checked field by field: the magic number (two zero bytes, type code 0x08 for
 * unsigned bytes, then the rank), the rank and every dimension against what the caller expects,
 * and the data length against the dimensions, with no trailing bytes. Every error names the file,
 * the expectation and what was found.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private IdxReader() {
    }

    /**
     * Reads a file and checks its shape.
     *
     * @param file         raw or gzip IDX file (detected from the content, not the name)
     * @param expectedDims expected dimensions; an entry {@code -1} accepts any size
     * @return the dimensions and data
     * @throws IdxFormatException if the file is not an IDX file of that shape
     * @throws IOException        if it cannot be read
     */
    public static IdxArray read(Path file, int... expectedDims) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file + ": no such file (expected an IDX file)");
        }
        try (InputStream in = open(file); DataInputStream data = new DataInputStream(in)) {
            return read(file.toString(), data, expectedDims);
        }
    }

    /**
     * Reads only the header of a file: its dimensions.
     *
     * @param file raw or gzip IDX file
     * @return the dimensions, outermost first
     * @throws IdxFormatException if the header is malformed
     * @throws IOException        if it cannot be read
     */
    public static int[] readDims(Path file) throws IOException {
        try (InputStream in = open(file); DataInputStream data = new DataInputStream(in)) {
            int magic = readMagic(file.toString(), data);
            int rank = magic & 0xff;
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                try {
                    dims[i] = data.readInt();
                } catch (EOFException e) {
                    throw new IdxFormatException(file + ": truncated: the file ends inside the header at dimension "
                            + i + " of " + rank);
                }
            }
            return dims;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    private static IdxArray read(String name, DataInputStream in, int[] expectedDims) throws IOException {
        int magic = readMagic(name, in);
        int rank = magic & 0xff;
        if (rank != expectedDims.length) {
            throw new IdxFormatException(name + ": rank " + rank + " but expected rank " + expectedDims.length
                    + " (dimensions " + describe(expectedDims) + ")");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw new IdxFormatException(name + ": truncated: the file ends inside the header at dimension "
                        + i + " of " + rank);
            }
            if (dims[i] <= 0 || (expectedDims[i] >= 0 && dims[i] != expectedDims[i])) {
                throw new IdxFormatException(name + ": dimension " + i + " is " + dims[i] + " but expected "
                        + (expectedDims[i] >= 0 ? String.valueOf(expectedDims[i]) : "a positive size")
                        + " (expected dimensions " + describe(expectedDims) + ")");
            }
            total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IdxFormatException(name + ": dimensions " + Arrays.toString(dims)
                    + " describe " + total + " bytes, more than one array can hold");
        }
        byte[] buf = new byte[(int) total];
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                throw new IdxFormatException(name + ": truncated: header " + Arrays.toString(dims) + " promises "
                        + total + " data bytes but the file holds only " + off);
            }
            off += n;
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(name + ": " + "trailing bytes after the " + total
                    + " data bytes that header " + Arrays.toString(dims) + " describes");
        }
        return new IdxArray(dims, buf);
    }

    private static int readMagic(String name, DataInputStream in) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(name + ": truncated: the file ends inside the 4-byte magic number");
        }
        int zeros = magic >>> 16;
        int type = (magic >>> 8) & 0xff;
        if (zeros != 0 || type != UNSIGNED_BYTE) {
            throw new IdxFormatException(String.format(
                    "%s: bad magic number 0x%08x: expected 0x0000 then type 0x08 (unsigned byte), then the rank",
                    name, magic));
        }
        return magic;
    }

    private static String describe(int[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i] < 0 ? "*" : String.valueOf(dims[i]));
        }
        return sb.append(']').toString();
    }
}
