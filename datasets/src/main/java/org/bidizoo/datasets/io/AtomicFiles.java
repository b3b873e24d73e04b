package org.bidizoo.datasets.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file in the same folder, is
 * flushed to disk ({@code fsync}), then moved over the target in one atomic rename, and the folder is
 * flushed too. A kill, a crash or a full disk leaves either the old file or the new one, never a truncated
 * one; the temporary file is removed on failure. Files are made readable by all ({@code rw-r--r--}), as
 * files written by ordinary means are.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes content to a path. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param tmp the temporary file to write (it exists and is empty)
         * @throws IOException if writing fails
         */
        void write(Path tmp) throws IOException;
    }

    /**
     * @param target the file to replace or create; its folder is created if missing
     * @param writer writes the whole content to the temporary file it is given
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + abs + " atomically on this file system: " + e.getMessage(), e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param target the file to replace or create
     * @param text   its whole content, written as UTF-8
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Flushes a folder's entries (the rename) to disk; a no-op where folders cannot be opened. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot open folders: the rename is still atomic, only its durability is weaker
        }
    }
}
