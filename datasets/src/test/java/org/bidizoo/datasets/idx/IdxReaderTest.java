package org.bidizoo.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] content = IdxFixtures.images(3, 4, 5);
        IdxArray raw = IdxReader.read(IdxFixtures.write(dir.resolve("a"), content, false), -1, 4, 5);
        IdxArray gz = IdxReader.read(IdxFixtures.write(dir.resolve("b.gz"), content, true), -1, 4, 5);
        assertArrayEquals(new int[] {3, 4, 5}, raw.dims());
        assertArrayEquals(raw.data(), gz.data());
        assertEquals(3, raw.count());
        assertEquals(20, raw.itemSize());
        assertEquals((byte) (7 + 1 + 2), raw.data()[20 + 5 + 2]);
        assertArrayEquals(new int[] {3, 4, 5}, IdxReader.readDims(dir.resolve("b.gz")));
    }

    @Test
    void badMagicNamesFileAndExpectation() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("bad"), IdxFixtures.bytes(0x00000d03, new int[] {1, 2, 2}, new byte[4]),
                false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1, 2, 2));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x00000d03"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x0000 then type 0x08"), e.getMessage());
    }

    @Test
    void wrongRankIsReported() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("rank"), IdxFixtures.labels(5, 3), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1, 28, 28));
        assertTrue(e.getMessage().contains("rank 1 but expected rank 3 (dimensions [*, 28, 28])"), e.getMessage());
    }

    @Test
    void wrongDimensionIsReported() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("dim"), IdxFixtures.images(2, 27, 28), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1, 28, 28));
        assertTrue(e.getMessage().contains("dimension 1 is 27 but expected 28"), e.getMessage());
    }

    @Test
    void truncatedDataIsReported() throws IOException {
        byte[] full = IdxFixtures.images(4, 3, 3);
        Path f = IdxFixtures.write(dir.resolve("trunc.gz"), Arrays.copyOf(full, full.length - 5), true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1, 3, 3));
        assertTrue(e.getMessage().contains("truncated: header [4, 3, 3] promises 36 data bytes but the file holds only 31"),
                e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        byte[] full = IdxFixtures.images(4, 3, 3);
        Path f = IdxFixtures.write(dir.resolve("hdr"), Arrays.copyOf(full, 9), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1, 3, 3));
        assertTrue(e.getMessage().contains("ends inside the header at dimension 1 of 3"), e.getMessage());
        Path empty = IdxFixtures.write(dir.resolve("empty"), new byte[2], false);
        IdxFormatException e2 = assertThrows(IdxFormatException.class, () -> IdxReader.read(empty, -1));
        assertTrue(e2.getMessage().contains("ends inside the 4-byte magic number"), e2.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        byte[] full = IdxFixtures.images(2, 2, 2);
        Path f = IdxFixtures.write(dir.resolve("trail"), Arrays.copyOf(full, full.length + 3), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1, 2, 2));
        assertTrue(e.getMessage().contains("trailing bytes"), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        Path f = dir.resolve("nope");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, -1));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
