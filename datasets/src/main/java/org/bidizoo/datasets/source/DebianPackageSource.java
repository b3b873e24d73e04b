package org.bidizoo.datasets.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Fetches files shipped in a Debian package without installing it (no root needed):
 * {@code apt-get download PACKAGE}, then {@code dpkg-deb -x} into a scratch directory.
 */
public final class DebianPackageSource implements DataSource {
    private static final long TIMEOUT_SECONDS = 600;

    private final String packageName;
    private final String installedDir;

    /**
     * @param packageName  Debian package, e.g. {@code dataset-fashion-mnist}
     * @param installedDir absolute directory where the package installs the files
     */
    public DebianPackageSource(String packageName, String installedDir) {
        this.packageName = packageName;
        this.installedDir = installedDir.startsWith("/") ? installedDir.substring(1) : installedDir;
    }

    @Override
    public boolean available() {
        return CommandRunner.onPath("apt-get") && CommandRunner.onPath("dpkg-deb");
    }

    @Override
    public void fetchInto(List<DataFile> files, Path targetDir) throws IOException {
        Path work = Files.createTempDirectory(targetDir, "deb");
        CommandRunner.run(work, TIMEOUT_SECONDS, List.of("apt-get", "download", "-q", packageName));
        Path deb = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(work, "*.deb")) {
            for (Path p : ds) {
                deb = p;
            }
        }
        if (deb == null) {
            throw new IOException("'apt-get download " + packageName + "' produced no .deb in " + work);
        }
        Path root = work.resolve("root");
        CommandRunner.run(work, TIMEOUT_SECONDS, List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
        for (DataFile f : files) {
            Path src = root.resolve(installedDir).resolve(f.fileName());
            if (!Files.isRegularFile(src)) {
                throw new IOException("Debian package " + packageName + " has no /" + installedDir + "/" + f.fileName());
            }
            Files.move(src, targetDir.resolve(f.fileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        PathTrees.deleteTree(work);
    }

    @Override
    public String manualInstructions() {
        return "install the Debian package (apt-get install " + packageName + "; if apt-get cannot find it, run "
                + "apt-get update first), or put its files from /" + installedDir + " in the data directory";
    }
}
