package org.bidizoo.datasets.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.idx.IdxFormatException;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.Split;

/**
 * Reads CIFAR-10 in its binary format from a directory the user supplies ({@code cifar-10-batches-bin}):
 * {@code data_batch_1.bin} … {@code data_batch_5.bin} for training, {@code test_batch.bin} for testing.
 * Each record is one label byte (0–9) and 3,072 pixel bytes: 1,024 red, 1,024 green, 1,024 blue,
 * row-major 32×32 — already the CHW order of {@link LabeledImages}.
 */
public final class Cifar10BinaryReader {
    /** Image side in pixels. */
    public static final int SIDE = 32;
    /** Channels per image. */
    public static final int CHANNELS = 3;
    /** Classes. */
    public static final int CLASSES = 10;
    /** Bytes per record: one label and the pixels. */
    public static final int RECORD = 1 + CHANNELS * SIDE * SIDE;

    private Cifar10BinaryReader() {
    }

    /**
     * @param dir   directory holding the {@code .bin} files
     * @param split train (five batches) or test (one)
     * @return the images and labels, in file order
     * @throws IOException if a file is missing or malformed; the message names it
     */
    public static LabeledImages load(Path dir, Split split) throws IOException {
        List<Path> files = new ArrayList<>();
        if (split == Split.TRAIN) {
            for (int i = 1; i <= 5; i++) {
                files.add(dir.resolve("data_batch_" + i + ".bin"));
            }
        } else {
            files.add(dir.resolve("test_batch.bin"));
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IdxFormatException(f + ": missing; expected the CIFAR-10 binary version's "
                        + f.getFileName() + " in " + dir + " (the directory cifar-10-batches-bin)");
            }
        }
        List<byte[]> contents = new ArrayList<>();
        int total = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            check(f, b);
            contents.add(b);
            total += b.length;
        }
        byte[] all = new byte[total];
        int off = 0;
        for (byte[] b : contents) {
            System.arraycopy(b, 0, all, off, b.length);
            off += b.length;
        }
        return decode(all);
    }

    /**
     * @param file one {@code .bin} file
     * @return its images and labels
     * @throws IOException if it is malformed
     */
    public static LabeledImages read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        check(file, b);
        return decode(b);
    }

    private static LabeledImages decode(byte[] b) {
        int n = b.length / RECORD;
        byte[] pixels = new byte[n * (RECORD - 1)];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            labels[k] = b[k * RECORD] & 0xff;
            System.arraycopy(b, k * RECORD + 1, pixels, k * (RECORD - 1), RECORD - 1);
        }
        return new LabeledImages(pixels, labels, CHANNELS, SIDE, SIDE, CLASSES);
    }

    private static void check(Path f, byte[] b) throws IdxFormatException {
        if (b.length == 0 || b.length % RECORD != 0) {
            throw new IdxFormatException(f + ": " + b.length + " bytes, expected a positive multiple of " + RECORD
                    + " (1 label byte + 3072 pixel bytes per image)");
        }
        for (int off = 0; off < b.length; off += RECORD) {
            int label = b[off] & 0xff;
            if (label >= CLASSES) {
                throw new IdxFormatException(f + ": record " + off / RECORD + " has label " + label
                        + ", expected 0-9");
            }
        }
    }
}
