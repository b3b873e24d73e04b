package org.bidizoo.datasets.source;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.io.RunLock;

import org.bidizoo.datasets.idx.IdxFormatException;
import org.bidizoo.datasets.idx.IdxReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a dataset's files on this machine, verifies them by SHA-256, and fetches them when absent.
 *
 * <p>Search order: the data directory's {@code <dataDir>/<name>/}, then the descriptor's system
 * directories (where a package may have installed them). The data directory is, in order, the
 * system property {@value #PROPERTY}, the environment variable {@value #ENV}, or
 * {@code ~/.bidizoo/data}.
 *
 * <p>Fetching writes into a scratch directory inside the data directory, verifies every file's
 * SHA-256 there, and only then moves the files into place; a failed or mismatched fetch leaves the
 * cache as it was. A cached file that fails verification is never used: {@link #require} reports
 * it, and {@link #fetch} moves it aside (suffix {@code .corrupt}) before storing a fresh copy.
 */
public final class DataLocator {
    /** Environment variable naming the data directory. */
    public static final String ENV = "BIDIZOO_DATA_DIR";
    /** System property naming the data directory; wins over {@link #ENV}. */
    public static final String PROPERTY = "bidizoo.data.dir";

    private static final Logger LOG = LoggerFactory.getLogger(DataLocator.class);

    private final Path dataDir;

    /** @param dataDir the directory holding one subdirectory per dataset */
    public DataLocator(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** @return a locator on the data directory named by {@value #PROPERTY}, {@value #ENV} or the default */
    public static DataLocator fromEnvironment() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENV);
        }
        if (dir == null || dir.isBlank()) {
            return new DataLocator(Path.of(System.getProperty("user.home"), ".bidizoo", "data"));
        }
        return new DataLocator(Path.of(dir));
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * @param d a dataset
     * @return the directory of its cached copy (it may not exist)
     */
    public Path cacheDir(DatasetDescriptor d) {
        return dataDir.resolve(d.name());
    }

    /**
     * Examines every place a copy may be, without fetching. Hashes every file found.
     *
     * @param d a dataset
     * @return the first verified copy; else the first place where any file exists, with its
     *         problems; else the cache directory, with every file missing
     * @throws IOException if a file exists but cannot be read
     */
    public DatasetStatus inspect(DatasetDescriptor d) throws IOException {
        for (Path p : List.of(dataDir, cacheDir(d))) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new DataUnavailableException("data directory " + p + " is a file, not a folder; point"
                        + " -Dbidizoo.data.dir or $BIDIZOO_DATA_DIR at a folder (default ~/.bidizoo/data)");
            }
        }
        DatasetStatus firstPartial = null;
        for (Path dir : candidates(d)) {
            DatasetStatus s = inspectDir(d, dir);
            if (s.verified()) {
                return s;
            }
            boolean any = s.files().stream().anyMatch(FileStatus::exists);
            if (any && firstPartial == null) {
                firstPartial = s;
            }
        }
        return firstPartial != null ? firstPartial : inspectDir(d, cacheDir(d));
    }

    /**
     * Returns the directory of a verified copy, fetching one if no copy exists anywhere.
     *
     * @param d a dataset
     * @return a directory holding all four verified files
     * @throws DataUnavailableException if a copy exists but is corrupt (not used; the message says
     *                                  which file and how to replace it), or nothing could be fetched
     * @throws IOException              on other I/O failures
     */
    public Path require(DatasetDescriptor d) throws IOException {
        DatasetStatus s = inspect(d);
        if (s.verified()) {
            return s.path();
        }
        if (s.files().stream().anyMatch(FileStatus::exists)) {
            throw new DataUnavailableException("dataset '" + d.name() + "' in " + s.path()
                    + " failed verification and was not used:\n" + s.problems()
                    + "\nfix: run './bidizoo datasets fetch " + d.name() + "' to replace the bad files"
                    + " (they are kept with the suffix .corrupt), or delete them");
        }
        return fetch(d).path();
    }

    /**
     * Makes sure a verified copy exists: returns it if there is one, otherwise fetches a fresh copy
     * into the cache directory (moving bad cached files aside).
     *
     * @param d a dataset
     * @return the verified copy's status
     * @throws DataUnavailableException if no client can fetch it, or the fetch failed or did not verify
     * @throws IOException              on other I/O failures
     */
    public DatasetStatus fetch(DatasetDescriptor d) throws IOException {
        DatasetStatus s = inspect(d);
        if (s.verified()) {
            LOG.info("{}: verified copy in {}", d.name(), s.path());
            return s;
        }
        DataSource source = d.source();
        if (!source.available()) {
            throw new DataUnavailableException("dataset '" + d.name() + "' is not on this machine and cannot be fetched: "
                    + source.manualInstructions() + " (data directory: " + cacheDir(d) + ")");
        }
        Files.createDirectories(dataDir);
        removeAbandonedScratch(d);
        Path scratch = Files.createTempDirectory(dataDir, scratchPrefix(d));
        try (RunLock held = RunLock.acquire(scratch)) {
            LOG.info("{}: fetching into {}", d.name(), cacheDir(d));
            try {
                source.fetchInto(d.files(), scratch);
            } catch (IOException e) {
                long free = Files.getFileStore(dataDir).getUsableSpace();
                String fix = diskFull(e) || free < MIN_FREE_BYTES
                        ? String.format("free disk space where the data goes (%s has %.1f MB free; a dataset needs"
                        + " about %d MB while it is fetched)", dataDir, free / 1e6, MIN_FREE_BYTES / 1_000_000)
                        : source.manualInstructions();
                throw new DataUnavailableException("dataset '" + d.name() + "' could not be fetched: " + e.getMessage()
                        + "\nfix: " + fix + " (data directory: " + cacheDir(d) + ")", e);
            }
            DatasetStatus fetched = inspectDir(d, scratch);
            if (!fetched.verified()) {
                throw new DataUnavailableException("dataset '" + d.name()
                        + "': the fetched files failed verification; nothing was stored:\n" + fetched.problems());
            }
            Path target = cacheDir(d);
            Files.createDirectories(target);
            DatasetStatus old = inspectDir(d, target);
            for (int i = 0; i < d.files().size(); i++) {
                DataFile f = d.files().get(i);
                Path dest = target.resolve(f.fileName());
                if (old.files().get(i).exists() && !old.files().get(i).verified()) {
                    Path aside = target.resolve(f.fileName() + ".corrupt");
                    LOG.warn("{}: moving unverified {} aside to {}", d.name(), dest, aside);
                    Files.move(dest, aside, StandardCopyOption.REPLACE_EXISTING);
                }
                moveAtomically(scratch.resolve(f.fileName()), dest);
            }
        } finally {
            PathTrees.deleteTree(scratch);
        }
        DatasetStatus stored = inspectDir(d, cacheDir(d));
        if (!stored.verified()) {
            throw new DataUnavailableException("dataset '" + d.name() + "' in " + cacheDir(d)
                    + " failed verification after storing:\n" + stored.problems());
        }
        return stored;
    }

    /** Free space below which a failed fetch is blamed on the disk: a packed dataset plus its files. */
    private static final long MIN_FREE_BYTES = 150_000_000L;

    private static String scratchPrefix(DatasetDescriptor d) {
        return ".fetch-" + d.name() + "-";
    }

    private static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes scratch folders of fetches that were killed: each live fetch holds a {@link RunLock} on its
     * folder, so one that can be locked has no owner left.
     */
    private void removeAbandonedScratch(DatasetDescriptor d) throws IOException {
        List<Path> scratch;
        try (java.util.stream.Stream<Path> s = Files.list(dataDir)) {
            scratch = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(scratchPrefix(d)))
                    .toList();
        }
        for (Path p : scratch) {
            boolean abandoned;
            try (RunLock probe = RunLock.acquire(p)) {
                abandoned = true;
            } catch (IOException e) {
                abandoned = false; // a fetch in progress holds it
            }
            if (abandoned) {
                LOG.info("{}: removing {} left by an interrupted fetch", d.name(), p);
                PathTrees.deleteTree(p);
            }
        }
    }

    private List<Path> candidates(DatasetDescriptor d) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(cacheDir(d));
        dirs.addAll(d.systemDirs());
        return dirs;
    }

    private static DatasetStatus inspectDir(DatasetDescriptor d, Path dir) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        boolean all = true;
        for (DataFile f : d.files()) {
            FileStatus fs = inspectFile(f, dir.resolve(f.fileName()));
            all &= fs.verified();
            files.add(fs);
        }
        return new DatasetStatus(d.name(), dir, all, count(d.images(Split.TRAIN), dir), count(d.images(Split.TEST), dir),
                List.copyOf(files));
    }

    private static FileStatus inspectFile(DataFile f, Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return new FileStatus(f.fileName(), p, false, -1, f.sha256(), null, "missing");
        }
        long size = Files.size(p);
        String actual = Sha256.of(p);
        if (actual.equals(f.sha256())) {
            return new FileStatus(f.fileName(), p, true, size, f.sha256(), actual, null);
        }
        String detail;
        try {
            IdxReader.read(p, f.dims());
            detail = "the content is well-formed IDX but not the published file";
        } catch (IdxFormatException e) {
            detail = e.getMessage().replace(p.toString() + ": ", "");
        }
        return new FileStatus(f.fileName(), p, true, size, f.sha256(), actual,
                "sha256 " + actual + " but expected " + f.sha256() + " (" + size + " bytes; " + detail + ")");
    }

    private static int count(DataFile f, Path dir) {
        Path p = dir.resolve(f.fileName());
        if (!Files.isRegularFile(p)) {
            return -1;
        }
        try {
            return IdxReader.readDims(p)[0];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
