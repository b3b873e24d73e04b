package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void opensHoldsAndClearsWhatAKilledRunWasWriting() throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir.resolve(RunFolder.CHECKPOINTS));
        Files.writeString(dir.resolve("model.zip"), "good");
        Path half = Files.writeString(dir.resolve(".model.zip.123.tmp"), "half");
        Path halfCp = Files.writeString(dir.resolve(RunFolder.CHECKPOINTS).resolve(".checkpoint-000000004.zip.9.tmp"),
                "half");
        try (RunFolder f = RunFolder.open("--out", dir, 0)) {
            assertFalse(Files.exists(half));
            assertFalse(Files.exists(halfCp));
            assertEquals("good", Files.readString(dir.resolve("model.zip")), "finished files are kept");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RunFolder.open("--out", dir, 0));
            assertTrue(e.getMessage().startsWith("--out " + dir + ": output folder " + dir + " is in use by another"
                    + " bidizoo run (pid "), e.getMessage());
        }
        RunFolder.open("--out", dir, 0).close();
    }

    @Test
    void aFileOrTooLittleSpaceIsNamedBeforeAnything() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals("--out " + file.resolve("sub") + ": " + file + " is a file, not a folder",
                assertThrows(IllegalArgumentException.class, () -> RunFolder.open("--out", file.resolve("sub"), 0))
                        .getMessage());
        String m = assertThrows(IllegalArgumentException.class,
                () -> RunFolder.open("--out", tmp.resolve("big"), Long.MAX_VALUE)).getMessage();
        assertTrue(m.startsWith("--out " + tmp.resolve("big") + ": ") && m.contains(" MB free, but the model and its"
                + " checkpoints need about "), m);
    }
}
