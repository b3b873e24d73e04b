package org.bidizoo.zoo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bidizoo.datasets.io.RunLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run's output folder, checked and held before the first iteration: it exists or can be created,
 * is a writable folder with room for the model and its checkpoints, and no other run holds it (an
 * operating-system lock, released however the process ends). Temporary files a killed run left half-written
 * are removed when the folder is opened. Its {@link #checkpoints} live in {@code checkpoints/} inside it.
 */
public final class RunFolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);
    /** The checkpoints' subfolder. */
    public static final String CHECKPOINTS = "checkpoints";

    private final Path dir;
    private final RunLock lock;

    private RunFolder(Path dir, RunLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * @param parameter   the option or parameter that named the folder, for messages (e.g. {@code --out})
     * @param dir         the folder
     * @param bytesNeeded free space the run needs there (model and checkpoints), {@code >= 0}
     * @return the folder, held until {@link #close()}
     * @throws IllegalArgumentException naming the parameter, the folder and what is wrong
     * @throws IOException              if it cannot be held for another reason
     */
    public static RunFolder open(String parameter, Path dir, long bytesNeeded) throws IOException {
        requireFolder(parameter, dir);
        Path abs = dir.toAbsolutePath();
        Path existing = abs;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (free < bytesNeeded) {
            throw new IllegalArgumentException(String.format("%s %s: %.1f MB free, but the model and its"
                    + " checkpoints need about %.1f MB", parameter, dir, free / 1e6, bytesNeeded / 1e6));
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(parameter + " " + dir + ": " + (existing.equals(abs) ? "the folder"
                    : existing) + " is not writable");
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new IllegalArgumentException(parameter + " " + dir + ": cannot create it (" + e + ")", e);
        }
        RunLock lock;
        try {
            lock = RunLock.acquire(abs);
        } catch (IOException e) {
            throw new IllegalArgumentException(parameter + " " + dir + ": " + e.getMessage(), e);
        }
        // held: no other run writes here, so temporary files are what a killed run was writing
        for (Path d : List.of(abs, abs.resolve(CHECKPOINTS))) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith(".")
                            && f.getFileName().toString().endsWith(".tmp")).toList()) {
                        LOG.info("removing {}, left by a run that was killed while writing it", f);
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        return new RunFolder(abs, lock);
    }

    /**
     * Checks, before any work is done, that {@code dir} is a folder or can become one: neither it nor a folder above
     * it is a file.
     *
     * @param parameter the option or parameter that named the folder, for messages (e.g. {@code --out})
     * @param dir       the folder
     * @throws IllegalArgumentException naming the parameter, the folder and the file in the way
     */
    public static void requireFolder(String parameter, Path dir) {
        Path abs = dir.toAbsolutePath();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException(parameter + " " + dir + ": " + (p.equals(abs) ? "it" : p)
                        + " is a file, not a folder");
            }
        }
    }

    /**
     * A rough upper bound on what a run writes: the model with Adam's state (3 floats per parameter) in
     * the model file and in each kept checkpoint, plus 1 MB of figures.
     *
     * @param parameters the model's parameter count
     * @param kept       checkpoints kept
     * @return bytes
     */
    public static long bytesNeeded(long parameters, int kept) {
        return (parameters * 4L * 3L) * (kept + 2L) + 1_000_000L;
    }

    /** @return the folder (absolute) */
    public Path dir() {
        return dir;
    }

    /**
     * @param keep how many of the newest checkpoints to keep
     * @return the run's checkpoints
     */
    public Checkpoints checkpoints(int keep) {
        return new Checkpoints(dir.resolve(CHECKPOINTS), keep);
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
