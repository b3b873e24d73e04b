package org.bidizoo.datasets.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bidizoo.datasets.progress.ProgressBar;

/** Full-file SHA-256, with a progress bar for large files. */
public final class Sha256 {
    private Sha256() {
    }

    /**
     * @param file the file to hash
     * @return its SHA-256 as 64 lower-case hex digits
     * @throws IOException if it cannot be read
     */
    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file);
             ProgressBar bar = new ProgressBar("sha256 " + file.getFileName(), Files.size(file), "B")) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                bar.step(n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @param data bytes to hash
     * @return their SHA-256 as 64 lower-case hex digits
     */
    public static String of(byte[] data) {
        return HexFormat.of().formatHex(newDigest().digest(data));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
