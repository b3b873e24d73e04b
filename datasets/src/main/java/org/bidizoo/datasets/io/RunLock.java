package org.bidizoo.datasets.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive hold on an output folder, so two runs cannot write the same files. The operating system
 * releases it when the process ends, however it ends ({@code kill -9} included): a stale lock file is
 * harmless.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name inside the folder. */
    public static final String FILE = ".bidizoo.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir the output folder (created if missing)
     * @return the hold; close it when the run is done
     * @throws IOException naming the folder if another run holds it, or if it cannot be created
     */
    public static RunLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            String holder = Files.readString(f, StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IOException("output folder " + dir + " is in use by another bidizoo run"
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to finish or choose another --out");
        }
        ch.truncate(0);
        ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        return new RunLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
