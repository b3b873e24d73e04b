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
     * @throws IOException if writing fails (the target is then untouched and no temporary file is left): its
     *                     message names the target and the cause, and says what to do when the disk is full
     *                     ({@code ENOSPC}) or the file is larger than the process may write ({@code EFBIG},
     *                     {@code ulimit -f})
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
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
        } catch (IOException e) {
            throw failed(abs, e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** @return an exception naming the file, the cause and, for a full disk or a size limit, what to do */
    private static IOException failed(Path file, IOException e) {
        String cause = e.getMessage() == null ? e.toString() : e.getMessage();
        if (cause.startsWith("cannot write ")) {
            return e;
        }
        String hint = "";
        if (cause.contains("No space left on device")) {
            hint = " (the disk is full: free space in " + file.getParent() + " or write elsewhere; "
                    + file.getFileName() + " is unchanged)";
        } else if (cause.contains("File too large")) {
            hint = " (the file is larger than this process may write: see 'ulimit -f', or the file system's limit; "
                    + file.getFileName() + " is unchanged)";
        }
        return new IOException("cannot write " + file + ": " + cause + hint, e);
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
