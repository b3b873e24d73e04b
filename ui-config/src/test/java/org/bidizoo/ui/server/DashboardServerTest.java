package org.bidizoo.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.listener.DashboardListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;

/** The UI server starts on a free port and our routes answer with real data from a short training. */
class DashboardServerTest {
    @TempDir
    Path tmp;

    static DashboardConfig config(int port, Path storage, List<String> layers) {
        DashboardConfig d = DashboardConfig.defaults();
        return new DashboardConfig(port, "127.0.0.1", storage, null, layers, 60, 8, 5, 10, 250, 10, 2, null, true);
    }

    private static void train(Dashboard d, int iterations) {
        ComputationGraph g = TinyGraphs.autoencoder();
        INDArray[] data = TinyGraphs.data(60, 1);
        List<TrainingListener> listeners = d.listeners(g, TinyGraphs.sample(data));
        g.addListeners(listeners.toArray(new TrainingListener[0]));
        TinyGraphs.fit(g, data, iterations);
        for (TrainingListener l : listeners) {
            if (l instanceof DashboardListener dl) {
                dl.flush(); // the t-SNE maps are computed on their own thread
            }
        }
    }

    private static BufferedImage png(JsonNode row) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(row.get("png").asText())));
    }

    @Test
    void routesAnswerWithTheTrainingsData() throws Exception {
        try (Dashboard d = Dashboard.start(config(0, null, List.of()))) {
            assertTrue(d.port() > 0);
            String base = "http://127.0.0.1:" + d.port();
            assertEquals(base + "/bidizoo", d.url());
            JsonNode empty = Http.json(base + "/bidizoo/reconstructions/data");
            assertTrue(empty.get("iteration").isNull());

            train(d, 12);

            JsonNode rec = Http.json(base + "/bidizoo/reconstructions/data");
            assertEquals(10, rec.get("iteration").asInt());
            assertEquals("reconstruction", rec.get("vertex").asText());
            assertTrue(rec.get("mse").asDouble() > 0 && rec.get("mse").asDouble() < 0.5);
            assertEquals(List.of("input", "reconstruction", "occluded", "recall"),
                    List.of(rec.get("rows").get(0).get("name").asText(), rec.get("rows").get(1).get("name").asText(),
                            rec.get("rows").get(2).get("name").asText(), rec.get("rows").get(3).get("name").asText()));
            BufferedImage img = png(rec.get("rows").get(1));
            assertEquals(8 * (4 * 2 + 1) + 1, img.getWidth(), "8 images of 4 pixels at scale 2 with 1-pixel gaps");

            JsonNode tsne = Http.json(base + "/bidizoo/tsne/data");
            assertEquals(10, tsne.get("iteration").asInt());
            JsonNode layers = tsne.get("layers");
            assertEquals(List.of("input", "hidden", "code"), List.of(layers.get(0).get("layer").asText(),
                    layers.get(1).get("layer").asText(), layers.get(2).get("layer").asText()));
            for (JsonNode l : layers) {
                assertEquals(60, l.get("points").size());
                assertEquals(3, l.get("points").get(0).size());
                assertTrue(l.get("ratio").asDouble() > 0);
                assertEquals(l.get("inter").asDouble() / l.get("intra").asDouble(), l.get("ratio").asDouble(), 1e-9);
            }

            JsonNode losses = Http.json(base + "/bidizoo/losses/data");
            assertEquals(6, losses.get("records").size(), "iterations 0, 2, ..., 10");
            JsonNode last = losses.get("records").get(5).get("losses");
            assertTrue(last.get("reconstruction").asDouble() > 0);
            assertTrue(last.get("label").asDouble() > 0);

            for (String page : List.of("/bidizoo", "/bidizoo/reconstructions", "/bidizoo/tsne", "/bidizoo/losses")) {
                var r = Http.get(base + page);
                assertEquals(200, r.statusCode(), page);
                assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"), page);
                assertTrue(r.body().contains("href=\"/train/overview\""), page + " links to DL4J's pages");
            }
            var dl4j = Http.get(base + "/train/overview");
            assertEquals(200, dl4j.statusCode(), "DL4J's own training pages are served too");
        }
    }

    @Test
    void fileStorageReplaysAfterTraining() throws Exception {
        Path file = tmp.resolve("stats/run.bin");
        try (Dashboard d = Dashboard.start(config(0, file, List.of("code")))) {
            train(d, 6);
        }
        try (Dashboard replay = Dashboard.replay(file, "127.0.0.1", 0, false)) {
            String base = "http://127.0.0.1:" + replay.port();
            JsonNode rec = Http.json(base + "/bidizoo/reconstructions/data");
            assertEquals(5, rec.get("iteration").asInt());
            assertEquals(4, rec.get("rows").size());
            JsonNode tsne = Http.json(base + "/bidizoo/tsne/data");
            assertEquals("code", tsne.get("layers").get(0).get("layer").asText());
            assertEquals(60, tsne.get("layers").get(0).get("points").size());
        }
        var missing = assertThrows(java.io.IOException.class,
                () -> Dashboard.replay(tmp.resolve("none.bin"), "127.0.0.1", 0, false));
        assertTrue(missing.getMessage().contains("none.bin does not exist"), missing.getMessage());
    }

    @Test
    void remoteRouterPostsToAReceivingServer() throws Exception {
        Path file = tmp.resolve("received.bin");
        try (Dashboard receiver = Dashboard.replay(file, "127.0.0.1", 0, true)) {
            String root = "http://127.0.0.1:" + receiver.port();
            DashboardConfig remote = new DashboardConfig(0, "127.0.0.1", null, root, List.of("code"), 60, 8, 5, 10, 250,
                    10, 2, null,
                    false);
            JsonNode rec;
            JsonNode tsne;
            try (Dashboard sender = Dashboard.start(remote)) {
                assertEquals(root + "/bidizoo", sender.url());
                assertEquals(-1, sender.port());
                train(sender, 6);
                long deadline = System.nanoTime() + 60_000_000_000L;
                do {
                    Thread.onSpinWait();
                    rec = Http.json(root + "/bidizoo/reconstructions/data");
                    tsne = Http.json(root + "/bidizoo/tsne/data");
                } while ((rec.get("iteration").asInt(-1) != 5 || tsne.get("iteration").isNull())
                        && System.nanoTime() < deadline);
            }
            assertEquals(5, rec.get("iteration").asInt(), rec.toString());
            assertEquals(60, tsne.get("layers").get(0).get("points").size());
            assertEquals(2, rec.get("rows").size(), "no occlusion rows when \"occlusion\" is false: " + rec);
        }
    }

    @Test
    void busyPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            var e = assertThrows(UiServers.PortInUseException.class, () -> Dashboard.start(config(port, null, List.of())));
            assertTrue(e.getMessage().startsWith("port " + port + " is busy"), e.getMessage());
            assertEquals(port, e.port());
        }
    }

    @Test
    void unknownLayerListsTheGraphsLayers() throws Exception {
        try (Dashboard d = Dashboard.start(config(0, null, List.of("input", "dense7")))) {
            ComputationGraph g = TinyGraphs.autoencoder();
            var e = assertThrows(IllegalArgumentException.class,
                    () -> d.listeners(g, TinyGraphs.sample(TinyGraphs.data(30, 1))));
            assertEquals("layer 'dense7' is not in the graph; its layers and vertices are [input, hidden, code,"
                    + " reconstruction, label]", e.getMessage());
        }
    }
}
