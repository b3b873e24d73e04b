package org.bidizoo.datasets.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.bidizoo.datasets.idx.IdxFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    private static final byte[] TRAIN_IMG = IdxFixtures.images(8, 3, 3);
    private static final byte[] TRAIN_LAB = IdxFixtures.labels(8, 2);
    private static final byte[] TEST_IMG = IdxFixtures.images(4, 3, 3);
    private static final byte[] TEST_LAB = IdxFixtures.labels(4, 2);

    @TempDir
    Path tmp;

    /** A source that writes the fixtures (or, if told, a corrupted train image file). */
    private static final class FakeSource implements DataSource {
        boolean available = true;
        boolean corrupt;
        boolean fail;
        String failure = "network unreachable";
        int calls;

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public void fetchInto(List<DataFile> files, Path targetDir) throws IOException {
            calls++;
            if (fail) {
                Files.write(targetDir.resolve("partial"), new byte[10]);
                throw new IOException(failure);
            }
            writeAll(targetDir, corrupt);
        }

        @Override
        public String manualInstructions() {
            return "copy the fixture files by hand";
        }
    }

    private static void writeAll(Path dir, boolean corrupt) throws IOException {
        Files.createDirectories(dir);
        byte[] img = corrupt ? Arrays.copyOf(TRAIN_IMG, TRAIN_IMG.length - 4) : TRAIN_IMG;
        Files.write(dir.resolve("train-img"), img);
        Files.write(dir.resolve("train-lab"), TRAIN_LAB);
        Files.write(dir.resolve("test-img"), TEST_IMG);
        Files.write(dir.resolve("test-lab"), TEST_LAB);
    }

    private static DatasetDescriptor descriptor(FakeSource source, Path systemDir) {
        return DatasetDescriptor.builder("tiny").shape(1, 3, 3).numClasses(2)
                .train(new DataFile("train-img", Sha256.of(TRAIN_IMG), 8, 3, 3),
                        new DataFile("train-lab", Sha256.of(TRAIN_LAB), 8))
                .test(new DataFile("test-img", Sha256.of(TEST_IMG), 4, 3, 3),
                        new DataFile("test-lab", Sha256.of(TEST_LAB), 4))
                .systemDir(systemDir).source(source).build();
    }

    @Test
    void fetchesVerifiesAndThenUsesTheCache() throws IOException {
        FakeSource src = new FakeSource();
        DatasetDescriptor d = descriptor(src, tmp.resolve("nosystem"));
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        DatasetStatus before = loc.inspect(d);
        assertFalse(before.verified());
        assertEquals(-1, before.train());
        Path dir = loc.require(d);
        assertEquals(tmp.resolve("data").resolve("tiny"), dir);
        DatasetStatus s = loc.inspect(d);
        assertTrue(s.verified());
        assertEquals(8, s.train());
        assertEquals(4, s.test());
        loc.require(d);
        assertEquals(1, src.calls, "second require must use the cache");
        try (Stream<Path> left = Files.list(tmp.resolve("data"))) {
            assertEquals(List.of(tmp.resolve("data").resolve("tiny")), left.toList(), "no scratch left behind");
        }
    }

    @Test
    void usesVerifiedSystemCopyWithoutFetching() throws IOException {
        FakeSource src = new FakeSource();
        Path system = tmp.resolve("usr-share");
        writeAll(system, false);
        DatasetDescriptor d = descriptor(src, system);
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        assertEquals(system, loc.require(d));
        assertEquals(0, src.calls);
    }

    @Test
    void corruptCacheIsReportedAndNotUsed() throws IOException {
        FakeSource src = new FakeSource();
        DatasetDescriptor d = descriptor(src, tmp.resolve("nosystem"));
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        writeAll(loc.cacheDir(d), true);
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loc.require(d));
        String m = e.getMessage();
        assertTrue(m.contains("failed verification and was not used"), m);
        assertTrue(m.contains("train-img: sha256 "), m);
        assertTrue(m.contains("but expected " + Sha256.of(TRAIN_IMG)), m);
        assertTrue(m.contains("truncated: header [8, 3, 3] promises 72 data bytes but the file holds only 68"), m);
        assertTrue(m.contains("./bidizoo datasets fetch tiny"), m);
        assertEquals(0, src.calls);

        DatasetStatus fixed = loc.fetch(d);
        assertTrue(fixed.verified());
        assertEquals(1, src.calls);
        Path aside = loc.cacheDir(d).resolve("train-img.corrupt");
        assertTrue(Files.exists(aside), "the bad file is kept aside, not lost");
        assertEquals(TRAIN_IMG.length - 4, Files.size(aside));
        assertFalse(Files.exists(loc.cacheDir(d).resolve("train-lab.corrupt")), "verified files are not moved aside");
    }

    @Test
    void mismatchedFetchStoresNothing() throws IOException {
        FakeSource src = new FakeSource();
        src.corrupt = true;
        DatasetDescriptor d = descriptor(src, tmp.resolve("nosystem"));
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loc.require(d));
        assertTrue(e.getMessage().contains("the fetched files failed verification; nothing was stored"), e.getMessage());
        assertFalse(Files.exists(loc.cacheDir(d)));
        try (Stream<Path> left = Files.list(tmp.resolve("data"))) {
            assertEquals(0, left.count(), "no scratch left behind");
        }
    }

    @Test
    void failedFetchSaysWhatToDo() throws IOException {
        FakeSource src = new FakeSource();
        src.fail = true;
        DatasetDescriptor d = descriptor(src, tmp.resolve("nosystem"));
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loc.require(d));
        assertTrue(e.getMessage().contains("could not be fetched: network unreachable"), e.getMessage());
        assertTrue(e.getMessage().contains("copy the fixture files by hand"), e.getMessage());
        try (Stream<Path> left = Files.list(tmp.resolve("data"))) {
            assertEquals(0, left.count(), "no scratch left behind");
        }
    }

    @Test
    void noClientSaysWhatToInstall() {
        FakeSource src = new FakeSource();
        src.available = false;
        DatasetDescriptor d = descriptor(src, tmp.resolve("nosystem"));
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loc.require(d));
        assertTrue(e.getMessage().contains("is not on this machine and cannot be fetched: copy the fixture files by hand"),
                e.getMessage());
        assertTrue(e.getMessage().contains(loc.cacheDir(d).toString()), e.getMessage());
    }

    @Test
    void dataDirComesFromPropertyThenDefault() {
        String old = System.getProperty(DataLocator.PROPERTY);
        try {
            System.setProperty(DataLocator.PROPERTY, tmp.toString());
            assertEquals(tmp.toAbsolutePath(), DataLocator.fromEnvironment().dataDir());
        } finally {
            if (old == null) {
                System.clearProperty(DataLocator.PROPERTY);
            } else {
                System.setProperty(DataLocator.PROPERTY, old);
            }
        }
    }

    @Test
    void knownDatasetsByName() {
        assertEquals("fashion-mnist", KnownDatasets.byName("Fashion-MNIST").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnownDatasets.byName("cifar"));
        assertTrue(e.getMessage().contains("unknown name 'cifar'; expected one of [mnist, fashion-mnist]"), e.getMessage());
        assertArrayEquals(new int[] {60000, 28, 28}, KnownDatasets.MNIST.images(Split.TRAIN).dims());
    }

    @Test
    void aFullDiskIsBlamedNotTheClient() {
        FakeSource src = new FakeSource();
        src.fail = true;
        src.failure = "write failed: No space left on device";
        DatasetDescriptor d = descriptor(src, tmp.resolve("nosystem"));
        DataLocator loc = new DataLocator(tmp.resolve("data"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> loc.require(d));
        assertTrue(e.getMessage().contains("fix: free disk space where the data goes (" + tmp.resolve("data") + " has "),
                e.getMessage());
        assertFalse(e.getMessage().contains("copy the fixture files by hand"), e.getMessage());
    }

    @Test
    void aDataDirThatIsAFileIsNamed() throws IOException {
        Path file = tmp.resolve("data");
        Files.writeString(file, "x");
        DatasetDescriptor d = descriptor(new FakeSource(), tmp.resolve("nosystem"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> new DataLocator(file).require(d));
        assertTrue(e.getMessage().startsWith("data directory " + file + " is a file, not a folder"), e.getMessage());
    }

    @Test
    void scratchOfAKilledFetchIsRemovedButALiveOneIsKept() throws IOException {
        Path data = tmp.resolve("data");
        Path dead = Files.createDirectories(data.resolve(".fetch-tiny-111"));
        Files.write(dead.resolve("partial"), new byte[10]);
        Path live = Files.createDirectories(data.resolve(".fetch-tiny-222"));
        DatasetDescriptor d = descriptor(new FakeSource(), tmp.resolve("nosystem"));
        try (org.bidizoo.datasets.io.RunLock held = org.bidizoo.datasets.io.RunLock.acquire(live)) {
            new DataLocator(data).require(d);
        }
        assertFalse(Files.exists(dead), "the killed fetch's folder is gone");
        assertTrue(Files.exists(live), "a fetch in progress keeps its folder");
    }
}
