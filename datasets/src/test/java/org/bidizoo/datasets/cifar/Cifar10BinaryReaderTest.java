package org.bidizoo.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bidizoo.datasets.idx.IdxFormatException;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class Cifar10BinaryReaderTest {
    @TempDir
    Path dir;

    /** Writes n records; record k has label k mod 10 and pixel (c, i, j) = (k + c * 50 + i) mod 256. */
    private void writeBatch(String name, int n, int offset) throws IOException {
        byte[] b = new byte[n * Cifar10BinaryReader.RECORD];
        for (int k = 0; k < n; k++) {
            int base = k * Cifar10BinaryReader.RECORD;
            b[base] = (byte) ((k + offset) % 10);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 32; i++) {
                    for (int j = 0; j < 32; j++) {
                        b[base + 1 + c * 1024 + i * 32 + j] = (byte) (k + offset + c * 50 + i);
                    }
                }
            }
        }
        Files.write(dir.resolve(name), b);
    }

    @Test
    void readsTrainBatchesInOrderAsChw() throws IOException {
        for (int i = 1; i <= 5; i++) {
            writeBatch("data_batch_" + i + ".bin", 3, (i - 1) * 3);
        }
        writeBatch("test_batch.bin", 2, 100);
        LabeledImages train = Cifar10BinaryReader.load(dir, Split.TRAIN);
        assertEquals(15, train.size());
        assertEquals(7, train.label(7));
        INDArray x = train.features(new int[] {7}, FeatureLayout.NCHW);
        assertEquals(3, x.size(1));
        assertEquals((7 + 2 * 50 + 4) / 255.0, x.getDouble(0, 2, 4, 9), 1e-7);
        LabeledImages test = Cifar10BinaryReader.load(dir, Split.TEST);
        assertEquals(2, test.size());
        assertEquals(1, test.label(1));
    }

    @Test
    void brokenFilesAreReported() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), new byte[Cifar10BinaryReader.RECORD + 5]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Cifar10BinaryReader.load(dir, Split.TEST));
        assertTrue(e.getMessage().contains("3078 bytes, expected a positive multiple of 3073"), e.getMessage());
        byte[] bad = new byte[Cifar10BinaryReader.RECORD];
        bad[0] = 12;
        Files.write(dir.resolve("test_batch.bin"), bad);
        e = assertThrows(IdxFormatException.class, () -> Cifar10BinaryReader.load(dir, Split.TEST));
        assertTrue(e.getMessage().contains("record 0 has label 12, expected 0-9"), e.getMessage());
        e = assertThrows(IdxFormatException.class, () -> Cifar10BinaryReader.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("data_batch_1.bin: missing"), e.getMessage());
    }
}
