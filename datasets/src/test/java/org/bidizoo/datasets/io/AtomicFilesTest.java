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
        assertEquals("cannot write " + f + ": No space left on device (the disk is full: free space in " + dir
                + " or write elsewhere; model.txt is unchanged)", e.getMessage());
        assertEquals("good", Files.readString(f));
        assertEquals(List.of(f), files());
    }

    /**
     * A real failed write, without root or a tmpfs: a child JVM whose file-size limit ({@code ulimit -f},
     * RLIMIT_FSIZE) is 64 KiB gets {@code EFBIG} when the temporary file grows past it.
     */
    @Test
    void aWriteOverTheFileSizeLimitNamesTheFileAndLeavesTheOldOne() throws Exception {
        Path f = dir.resolve("model.txt");
        AtomicFiles.writeString(f, "good");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "trap '' XFSZ; ulimit -f 64 && exec \"$0\" \"$@\"",
                javaBin, "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                SizeLimitedWriter.class.getName(), f.toString(), Integer.toString(1 << 20))
                .redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), out);
        assertTrue(out.contains("cannot write " + f + ": "), out);
        assertTrue(out.contains("File too large (the file is larger than this process may write: see 'ulimit -f'"),
                out);
        assertEquals("good", Files.readString(f));
        assertEquals(List.of(f), files(), "no half-written temporary file is left");
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
