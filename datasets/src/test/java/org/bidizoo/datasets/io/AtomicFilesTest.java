package org.bidizoo.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void replacesTheFileWholeAndLeavesNothingElse() throws IOException {
        Path f = dir.resolve("sub/model.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList());
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTemporary() throws IOException {
        Path f = dir.resolve("model.txt");
        AtomicFiles.writeString(f, "good");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("good", Files.readString(f));
        assertEquals(List.of(f), files());
    }

    @Test
    void aHeldFolderIsRefusedByNameUntilReleased() throws IOException {
        try (RunLock first = RunLock.acquire(dir)) {
            IOException e = assertThrows(IOException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith("output folder " + dir + " is in use by another bidizoo run (pid "),
                    e.getMessage());
        }
        RunLock.acquire(dir).close();
    }
}
