package org.bidizoo.zoo.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.datasets.progress.ProgressBar;
import org.bidizoo.datasets.source.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings pretrained weights into a local cache, verified: a cached file whose SHA-256 matches is used
 * as is (no network); otherwise the file is copied from the bidizoo-zoo jar (shipped entries) or
 * downloaded from {@code baseUrl/fileName} (http, https or file URLs) into a temporary file in the cache
 * directory, checked for size and full SHA-256, and only then moved into place. A failed, short,
 * stalled or mismatched transfer leaves nothing in the cache and says what happened.
 */
public final class WeightsDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(WeightsDownloader.class);
    /** System property naming the cache directory. */
    public static final String DIR_PROPERTY = "bidizoo.pretrained.dir";
    /** Environment variable naming the cache directory. */
    public static final String DIR_ENV = "BIDIZOO_PRETRAINED_DIR";
    /** System property naming the base URL. */
    public static final String URL_PROPERTY = "bidizoo.pretrained.url";
    /** Environment variable naming the base URL. */
    public static final String URL_ENV = "BIDIZOO_PRETRAINED_URL";
    /** Where shipped files live on the classpath. */
    public static final String RESOURCE_DIR = "/org/bidizoo/zoo/pretrained/";

    private final Path cacheDir;
    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param cacheDir       the cache directory
     * @param baseUrl        base URL for files not shipped or cached, or null for none
     * @param connectTimeout connection timeout
     * @param readTimeout    longest wait for the next bytes of a transfer
     */
    public WeightsDownloader(Path cacheDir, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.cacheDir = cacheDir.toAbsolutePath();
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** @return a downloader configured by the properties/environment, cache {@code ~/.bidizoo/pretrained} by default */
    public static WeightsDownloader fromEnvironment() {
        String dir = first(System.getProperty(DIR_PROPERTY), System.getenv(DIR_ENV));
        Path cache = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".bidizoo", "pretrained");
        return new WeightsDownloader(cache, first(System.getProperty(URL_PROPERTY), System.getenv(URL_ENV)),
                Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    /** @return the cache directory */
    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * @param e an entry
     * @return where its verified file is cached (it may not exist yet)
     */
    public Path cachedFile(PretrainedEntry e) {
        return cacheDir.resolve(e.fileName());
    }

    /**
     * @param e an entry
     * @return whether a cached copy exists and its size and SHA-256 match
     * @throws IOException if it cannot be read
     */
    public boolean isCachedAndVerified(PretrainedEntry e) throws IOException {
        return state(e) == CacheState.VERIFIED;
    }

    /** What the cache holds for an entry. */
    public enum CacheState {
        /** A copy whose size and SHA-256 match. */
        VERIFIED,
        /** No copy yet: it is fetched (or, shipped, copied from the jar) on first use. */
        NOT_FETCHED,
        /** A copy whose size or SHA-256 does not match: it is never used, and replaced on the next fetch. */
        CORRUPT
    }

    /**
     * @param e an entry
     * @return what the cache holds for it
     * @throws IOException if the cached copy cannot be read
     */
    public CacheState state(PretrainedEntry e) throws IOException {
        Path f = cachedFile(e);
        if (!Files.isRegularFile(f)) {
            return CacheState.NOT_FETCHED;
        }
        return Files.size(f) == e.size() && Sha256.of(f).equals(e.sha256()) ? CacheState.VERIFIED : CacheState.CORRUPT;
    }

    /**
     * @param e an entry
     * @return the verified cached file
     * @throws IOException naming the source, what was expected and what was found, if it cannot be had
     */
    public Path fetch(PretrainedEntry e) throws IOException {
        CacheState state = state(e);
        if (state == CacheState.VERIFIED) {
            return cachedFile(e);
        }
        if (state == CacheState.CORRUPT) {
            LOG.warn("pretrained {}: the cached {} failed verification (size or SHA-256); replacing it", e.id(),
                    cachedFile(e));
        }
        if (e.shipped()) {
            try (InputStream in = WeightsDownloader.class.getResourceAsStream(RESOURCE_DIR + e.fileName())) {
                if (in == null) {
                    throw new IOException("pretrained " + e.id() + " should ship in the bidizoo-zoo jar as "
                            + RESOURCE_DIR + e.fileName() + " but it is not on the classpath");
                }
                return store(e, in, "classpath:" + RESOURCE_DIR + e.fileName(), e.size());
            }
        }
        if (baseUrl == null) {
            throw new IOException("pretrained " + e.id() + " is not cached in " + cacheDir + " and no base URL is set;"
                    + " set -D" + URL_PROPERTY + " or $" + URL_ENV + " (http, https or file: URL of a directory holding "
                    + e.fileName() + "), or put the file in " + cacheDir);
        }
        String url = baseUrl + "/" + e.fileName();
        URLConnection c;
        try {
            c = new URL(url).openConnection();
        } catch (IllegalArgumentException | java.net.MalformedURLException ex) {
            throw new IOException("base URL " + baseUrl + " is not a valid URL: " + ex.getMessage(), ex);
        }
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        try {
            if (c instanceof HttpURLConnection h) {
                int status = h.getResponseCode();
                if (status != 200) {
                    throw new IOException("downloading " + url + " failed: HTTP " + status + "; nothing was stored");
                }
            }
            try (InputStream in = c.getInputStream()) {
                return store(e, in, url, e.size());
            }
        } catch (IOException ex) {
            if (!timedOut(ex)) {
                throw ex;
            }
            throw new IOException("downloading " + url + " stalled (no data for " + readTimeout.toSeconds()
                    + " s, or no connection in " + connectTimeout.toSeconds() + " s); nothing was stored", ex);
        } finally {
            if (c instanceof HttpURLConnection h) {
                h.disconnect();
            }
        }
    }

    /** Streams into a temporary file, verifies size and SHA-256, and moves it into place atomically. */
    private Path store(PretrainedEntry e, InputStream in, String source, long expectedSize) throws IOException {
        Path dest = cachedFile(e);
        AtomicFiles.write(dest, tmp -> {
            MessageDigest md = sha256();
            long n = 0;
            byte[] buf = new byte[1 << 16];
            try (DigestInputStream din = new DigestInputStream(in, md); OutputStream out = Files.newOutputStream(tmp);
                 ProgressBar bar = new ProgressBar("fetch " + e.fileName(), expectedSize, "B")) {
                int r;
                while ((r = din.read(buf)) > 0) {
                    out.write(buf, 0, r);
                    n += r;
                    bar.step(r);
                }
            } catch (SocketTimeoutException ex) {
                throw ex;
            } catch (IOException ex) {
                throw new IOException(source + ": the transfer broke off after " + n + " of " + expectedSize + " bytes ("
                        + ex.getMessage() + "); nothing was stored", ex);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (n != e.size()) {
                throw new IOException(source + ": got " + n + " bytes, expected " + e.size()
                        + " (transfer cut short?); nothing was stored");
            }
            if (!actual.equals(e.sha256())) {
                throw new IOException(source + ": SHA-256 " + actual + ", expected " + e.sha256() + "; nothing was stored");
            }
        });
        return dest;
    }

    /** @return whether a socket timeout caused {@code e} (it may arrive wrapped by {@link AtomicFiles}) */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
