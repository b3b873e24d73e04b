package org.bidizoo.zoo.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bidizoo.datasets.source.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Downloads against a local HTTP server started by the test: success, wrong hash, short transfer, 404, stall. */
class WeightsDownloaderTest {
    private static final byte[] PAYLOAD = new byte[200_000];

    static {
        new Random(3).nextBytes(PAYLOAD);
    }

    @TempDir
    Path tmp;
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok/", ex -> {
            ex.sendResponseHeaders(200, PAYLOAD.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(PAYLOAD);
            }
        });
        server.createContext("/short/", ex -> {
            ex.sendResponseHeaders(200, PAYLOAD.length);
            OutputStream o = ex.getResponseBody();
            o.write(PAYLOAD, 0, PAYLOAD.length / 2);
            o.flush();
            ex.close(); // closes the connection with half the promised bytes sent
        });
        server.createContext("/missing/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/stall/", ex -> {
            ex.sendResponseHeaders(200, PAYLOAD.length);
            OutputStream o = ex.getResponseBody();
            o.write(PAYLOAD, 0, 1000);
            o.flush();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static PretrainedEntry entry(String sha) {
        return new PretrainedEntry("m", "", "mnist", "MNIST_V1", "m-mnist-v1-" + sha.substring(0, 8) + ".zip", sha,
                PAYLOAD.length, 1, Map.of(), "", "Apache-2.0", "", 0, false, true);
    }

    private WeightsDownloader downloader(String path) {
        return new WeightsDownloader(tmp.resolve("cache"), base + path, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    private long cacheFiles() throws IOException {
        Path c = tmp.resolve("cache");
        if (!Files.exists(c)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(c)) {
            return s.count();
        }
    }

    @Test
    void downloadsVerifiesAndThenUsesTheCacheWithoutNetwork() throws IOException {
        PretrainedEntry e = entry(Sha256.of(PAYLOAD));
        Path f = downloader("/ok").fetch(e);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(f));
        assertEquals(1, cacheFiles(), "only the verified file, no temporaries");
        server.stop(0);
        assertEquals(f, downloader("/ok").fetch(e), "the second call needs no network");
    }

    @Test
    void fileUrlsWorkToo() throws IOException {
        PretrainedEntry e = entry(Sha256.of(PAYLOAD));
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        Files.write(mirror.resolve(e.fileName()), PAYLOAD);
        WeightsDownloader d = new WeightsDownloader(tmp.resolve("cache"), mirror.toUri().toString(), Duration.ofSeconds(2),
                Duration.ofSeconds(1));
        assertArrayEquals(PAYLOAD, Files.readAllBytes(d.fetch(e)));
    }

    @Test
    void wrongHashStoresNothing() throws IOException {
        PretrainedEntry e = entry("ab".repeat(32));
        IOException x = assertThrows(IOException.class, () -> downloader("/ok").fetch(e));
        assertTrue(x.getMessage().contains("SHA-256 " + Sha256.of(PAYLOAD) + ", expected " + "ab".repeat(32)),
                x.getMessage());
        assertTrue(x.getMessage().contains("nothing was stored"));
        assertEquals(0, cacheFiles());
    }

    @Test
    void truncatedTransferStoresNothing() throws IOException {
        PretrainedEntry e = entry(Sha256.of(PAYLOAD));
        IOException x = assertThrows(IOException.class, () -> downloader("/short").fetch(e));
        assertTrue(x.getMessage().contains("nothing was stored"), x.getMessage());
        assertTrue(x.getMessage().contains("of " + PAYLOAD.length + " bytes") || x.getMessage().contains("expected "
                + PAYLOAD.length), x.getMessage());
        assertEquals(0, cacheFiles());
    }

    @Test
    void notFoundSaysSo() throws IOException {
        PretrainedEntry e = entry(Sha256.of(PAYLOAD));
        IOException x = assertThrows(IOException.class, () -> downloader("/missing").fetch(e));
        assertTrue(x.getMessage().contains("HTTP 404"), x.getMessage());
        assertTrue(x.getMessage().contains(base + "/missing/" + e.fileName()), x.getMessage());
        assertEquals(0, cacheFiles());
    }

    @Test
    void stalledServerTimesOutAndStoresNothing() throws IOException {
        PretrainedEntry e = entry(Sha256.of(PAYLOAD));
        long t0 = System.nanoTime();
        IOException x = assertThrows(IOException.class, () -> downloader("/stall").fetch(e));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(x.getMessage().contains("stalled"), x.getMessage());
        assertTrue(secs < 10, "gave up after " + secs + " s");
        assertEquals(0, cacheFiles());
    }

    @Test
    void noBaseUrlSaysWhatToSet() {
        PretrainedEntry e = entry(Sha256.of(PAYLOAD));
        WeightsDownloader d = new WeightsDownloader(tmp.resolve("cache"), null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        IOException x = assertThrows(IOException.class, () -> d.fetch(e));
        assertTrue(x.getMessage().contains("no base URL is set; set -D" + WeightsDownloader.URL_PROPERTY), x.getMessage());
    }
}
