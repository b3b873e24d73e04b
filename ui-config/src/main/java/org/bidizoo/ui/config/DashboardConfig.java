package org.bidizoo.ui.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What the dashboard shows and where: the UI port, the storage (in memory, a file for replay, or a
 * remote UI server), the layers to map with t-SNE, the sample sizes and refresh intervals. Read from a
 * JSON file by {@link DashboardConfigReader}; every field has a default.
 *
 * <pre>{@code
 * {"port": 9000, "host": "127.0.0.1", "storage": "runs/ui-stats.bin", "layers": ["input", "lmser"],
 *  "sampleSize": 500, "galleryImages": 16, "reconstructionEvery": 50, "tsneEvery": 200}
 * }</pre>
 *
 * @param port                UI server port (default 9000; 0 = any free port)
 * @param host                address the UI server listens on (default {@code 127.0.0.1}, this machine only;
 *                            {@code 0.0.0.0} = every interface, reachable from other machines)
 * @param storage             file for the stats (replayable with {@code bidizoo ui --storage}), or null for memory
 * @param remote              URL of a remote UI server to post to instead of starting one, or null
 * @param layers              layer/vertex names for t-SNE (empty = the input and the graph's hidden vertices)
 * @param sampleSize          labeled examples in the t-SNE sample (default 500)
 * @param galleryImages       images in the reconstruction gallery (default 16)
 * @param reconstructionEvery iterations between gallery updates (default 50)
 * @param tsneEvery           iterations between t-SNE updates (default 200)
 * @param tsneIterations      t-SNE gradient steps per update (default 500)
 * @param perplexity          t-SNE perplexity (default 30)
 * @param lossEvery           iterations between loss updates and DL4J stats (default 10)
 * @param reconstructionVertex the vertex whose output is the reconstruction, or null to find it by size
 * @param occlusion           whether the gallery also shows lower-half occluded inputs and their recall (default true)
 */
public record DashboardConfig(int port, String host, Path storage, String remote, List<String> layers, int sampleSize,
                              int galleryImages, int reconstructionEvery, int tsneEvery, int tsneIterations,
                              double perplexity, int lossEvery, String reconstructionVertex, boolean occlusion) {
    /** The default UI port (DL4J's). */
    public static final int DEFAULT_PORT = 9000;
    /** The default address: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** @return every field at its default */
    public static DashboardConfig defaults() {
        return new DashboardConfig(DEFAULT_PORT, DEFAULT_HOST, null, null, List.of(), 500, 16, 50, 200, 500, 30, 10,
                null, true);
    }

    /** Validates the fields; the reader reports the line of an invalid one. */
    public DashboardConfig {
        layers = List.copyOf(layers);
        check(port >= 0 && port <= 65535, "port", port, "in [0, 65535] (0 = any free port)");
        check(host != null && !host.isBlank() && host.strip().equals(host), "host", host == null ? null : "\"" + host
                + "\"", "an address of this machine without spaces, e.g. 127.0.0.1 or 0.0.0.0");
        check(sampleSize >= 10, "sampleSize", sampleSize, ">= 10");
        check(galleryImages >= 1, "galleryImages", galleryImages, ">= 1");
        check(reconstructionEvery >= 1, "reconstructionEvery", reconstructionEvery, ">= 1");
        check(tsneEvery >= 1, "tsneEvery", tsneEvery, ">= 1");
        check(tsneIterations >= 1, "tsneIterations", tsneIterations, ">= 1");
        check(perplexity > 0, "perplexity", perplexity, "> 0");
        check(lossEvery >= 1, "lossEvery", lossEvery, ">= 1");
        check(remote == null || remote.startsWith("http://") || remote.startsWith("https://"), "remote", remote,
                "an http:// or https:// URL");
    }

    /**
     * @param newHost the address to listen on
     * @return this config with that host
     */
    public DashboardConfig withHost(String newHost) {
        return new DashboardConfig(port, newHost, storage, remote, layers, sampleSize, galleryImages,
                reconstructionEvery, tsneEvery, tsneIterations, perplexity, lossEvery, reconstructionVertex, occlusion);
    }

    /**
     * @param newLayers layer names for t-SNE
     * @return this config with those layers
     */
    public DashboardConfig withLayers(List<String> newLayers) {
        return new DashboardConfig(port, host, storage, remote, newLayers, sampleSize, galleryImages,
                reconstructionEvery, tsneEvery, tsneIterations, perplexity, lossEvery, reconstructionVertex, occlusion);
    }

    private static void check(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new InvalidFieldException(field, "\"" + field + "\" = " + value + ", expected " + expected);
        }
    }

    /** An invalid field value; the reader adds the file and line. */
    public static final class InvalidFieldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        InvalidFieldException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** @return the field's name */
        public String field() {
            return field;
        }
    }
}
