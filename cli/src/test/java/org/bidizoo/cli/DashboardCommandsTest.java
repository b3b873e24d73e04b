package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bidizoo.ui.server.Dashboard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** 'train --ui', 'tsne' and their bad input, on the real MNIST files. */
@Tag("data")
class DashboardCommandsTest {
    @TempDir
    Path tmp;

    private static JsonNode ok(String... args) {
        return CliRunner.ok(args);
    }

    @Test
    void tsneWritesPngsAndDistancesPerLayer() throws Exception {
        JsonNode j = ok("tsne", "--model", "lmser-dense", "--layers", "lmser", "--points", "200", "--iterations", "250",
                "--trust", "5", "--out", tmp.toString(), "--json");
        assertEquals(200, j.get("points").asInt());
        assertTrue(j.get("weights").asText().startsWith("pretrained lmser-dense"), j.toString());
        JsonNode layers = j.get("layers");
        assertEquals(2, layers.size());
        assertEquals("input", layers.get(0).get("layer").asText());
        assertEquals("lmser", layers.get(1).get("layer").asText());
        for (JsonNode l : layers) {
            assertEquals(l.get("inter").asDouble() / l.get("intra").asDouble(), l.get("ratio").asDouble(), 1e-9);
            assertTrue(l.get("trustworthiness").asDouble() > 0.7, l.toString());
            assertTrue(Files.size(Path.of(l.get("png").asText())) > 5_000);
        }
    }

    @Test
    void tsneOfAnUnknownLayerListsTheGraphsLayers() {
        CliRunner r = CliRunner.run("tsne", "--model", "lmser-dense", "--layers", "code", "--points", "20", "--out",
                tmp.toString());
        assertEquals(1, r.exitCode);
        assertTrue(r.err.contains("layer 'code' is not in the graph; its layers and vertices are [input, lmser,"
                + " lmser/level1, lmser/level2, lmser/level3, reconstruction]"), r.err);
    }

    @Test
    void tsneOfAnLmserLevelWritesItsCsv() throws Exception {
        Path csv = tmp.resolve("maps/level2.csv");
        JsonNode j = ok("tsne", "--model", "lmser-dense", "--layers", "lmser/level2", "--points", "60", "--iterations",
                "250", "--out", csv.toString(), "--json");
        assertEquals("lmser/level2", j.get("layers").get(1).get("layer").asText());
        assertEquals(csv.toString(), j.get("layers").get(1).get("csv").asText());
        assertTrue(j.get("layers").get(0).get("csv").isNull(), "the raw input was not asked for: " + j);
        var lines = Files.readAllLines(csv);
        assertEquals(61, lines.size());
        assertEquals("x,y,label,index", lines.get(0));
        assertTrue(lines.get(1).matches("-?[0-9.]+,-?[0-9.]+,7,0"), lines.get(1) + " (test image 0 is a 7)");
        assertTrue(lines.get(60).endsWith(",59"), lines.get(60));
    }

    @Test
    void trainWithUiPrintsTheUrlAndStoresAReplayableRun() throws Exception {
        Path stats = tmp.resolve("ui/stats.bin");
        CliRunner r = trainWithUi("lmser-dense", 12, "ui", 100, 5, 10);
        JsonNode j = r.json();
        String url = j.get("ui_url").asText();
        assertTrue(url.matches("http://127.0.0.1:\\d+/bidizoo"), url);
        assertTrue(r.err.contains("bidizoo: dashboard at " + url), r.err);
        assertTrue(r.err.contains("listening on 127.0.0.1:" + url.replaceAll(".*:(\\d+)/.*", "$1")
                + " (this machine only)"), r.err);
        assertEquals(stats.toString(), j.get("ui_storage").asText());
        try (Dashboard replay = replay("ui")) {
            String base = base(replay);
            JsonNode rec = get(base + "/reconstructions/data");
            assertEquals(12, rec.get("iteration").asInt(), "the last update is posted after training");
            assertEquals(4, rec.get("rows").size());
            JsonNode tsne = get(base + "/tsne/data");
            assertEquals(100, tsne.get("layers").get(0).get("points").size());
        }
    }

    @Test
    void anRbmTrainedByPretrainingShowsItsReconstructions() throws Exception {
        // DL4J calls a graph's listeners with the layer during pretrainLayer: the dashboard must still see the graph
        trainWithUi("rbm-binary", 7, "rbm", 60, 3, 3);
        try (Dashboard replay = replay("rbm")) {
            String base = base(replay);
            JsonNode rec = get(base + "/reconstructions/data");
            assertEquals(7, rec.get("iteration").asInt(), "the last update is posted after training: " + rec);
            assertEquals(4, rec.get("rows").size());
            JsonNode tsne = get(base + "/tsne/data");
            assertEquals(7, tsne.get("iteration").asInt());
            assertTrue(tsne.get("layers").size() > 0, tsne.toString());
        }
    }

    @Test
    void aDeepBeliefNetShowsItsUpDownReconstructions() throws Exception {
        // no reconstruction output in its graph: the page shows DbnModel.reconstructionOf (up-down mean field)
        trainWithUi("dbn", 6, "dbn", 60, 3, 3);
        try (Dashboard replay = replay("dbn")) {
            JsonNode rec = get(base(replay) + "/reconstructions/data");
            assertEquals(6, rec.get("iteration").asInt(), "the last update is posted after training: " + rec);
            assertTrue(rec.get("rows").size() >= 2, "inputs and reconstructions: " + rec);
        }
    }

    @Test
    void theDeconvolutionalNetworkShowsItsReconstructions() throws Exception {
        // not a ComputationGraph: its ISTA reconstructions are posted by the training loop's progress hook
        CliRunner r = withUi("deconv", 60, 2, 1000, "reproduce", "deconvnet", "--maps", "4", "--updates", "5",
                "--batch", "8", "--steps", "5", "--eval-steps", "10", "--test-images", "20", "--out",
                tmp.resolve("deconv-run").toString());
        assertTrue(r.json().get("ui_url").asText().matches("http://127.0.0.1:\\d+/bidizoo"), r.out);
        try (Dashboard replay = replay("deconv")) {
            JsonNode rec = get(base(replay) + "/reconstructions/data");
            assertEquals(5, rec.get("iteration").asInt(), "the last update is posted: " + rec);
            assertEquals("deconvnet", rec.get("model").asText(), rec.toString());
            assertEquals(2, rec.get("rows").size(), "inputs and reconstructions: " + rec);
            assertTrue(rec.get("mse").asDouble() > 0 && rec.get("mse").asDouble() < 0.2, rec.toString());
        }
    }

    @Test
    void associatedLearningTrainsWithUiAndMapsItsLayers() throws Exception {
        trainWithUi("al-mlp", 3, "al", 60, 2, 2);
        try (Dashboard replay = replay("al")) {
            String base = base(replay);
            JsonNode tsne = get(base + "/tsne/data");
            assertEquals(3, tsne.get("iteration").asInt(), "the last update is posted after training");
            assertEquals("[\"features\",\"f1\",\"f2\",\"b2\",\"h2\",\"h1\"]", tsne.get("mapped").toString());
            assertEquals(6, tsne.get("layers").size());
            assertTrue(get(base + "/reconstructions/data").get("unavailable").asText()
                    .startsWith("This model has no reconstruction"));
            JsonNode inv = get(base + "/inversion/data");
            assertEquals("h1", inv.get("layer").asText());
            assertEquals(2, inv.get("rows").size());
            assertTrue(get(base + "/losses/data").get("records").size() > 0);
        }
    }

    @Test
    void reproduceInversionShowsEachRunOnTheDashboard() throws Exception {
        Path stats = tmp.resolve("inv/stats.bin");
        Path config = tmp.resolve("inv.json");
        Files.writeString(config, "{\"port\": 0, \"storage\": \"" + stats + "\", \"sampleSize\": 60,"
                + " \"reconstructionEvery\": 2, \"tsneEvery\": 1000, \"tsneIterations\": 250}");
        CliRunner r = CliRunner.run("reproduce", "inversion", "--model", "peer-smallcnn", "--iterations", "4",
                "--baseline-labels", "0", "--test-limit", "100", "--out", tmp.resolve("inv-run").toString(), "--ui",
                config.toString(), "--json");
        assertEquals(0, r.exitCode, r.err + r.out);
        assertTrue(r.json().get("ui_url").asText().matches("http://127.0.0.1:\\d+/bidizoo"), r.out);
        try (Dashboard replay = Dashboard.replay(stats, "127.0.0.1", 0, false)) {
            String base = "http://127.0.0.1:" + replay.port() + "/bidizoo";
            JsonNode rec = get(base + "/reconstructions/data");
            assertTrue(rec.get("iteration").asInt() >= 2, rec.toString());
            assertTrue(rec.get("rows").size() > 0, "x beside J(x)^T f(x) of the semi-supervised network: " + rec);
        }
    }

    @Test
    void trainWithABadUiConfigOrABusyPortSaysWhere() throws Exception {
        Path config = tmp.resolve("bad.json");
        Files.writeString(config, "{\n  \"port\": 0,\n  \"tsneEvery\": -3\n}\n");
        CliRunner bad = CliRunner.run("train", "lmser-dense", "--iterations", "1", "--out", tmp.toString(), "--ui",
                config.toString());
        assertEquals(1, bad.exitCode);
        assertTrue(bad.err.contains("ui-config " + config + " line 3, field \"tsneEvery\": \"tsneEvery\" = -3, expected"
                + " >= 1"), bad.err);
        try (ServerSocket taken = new ServerSocket(0)) {
            Files.writeString(config, "{\"port\": " + taken.getLocalPort() + "}");
            CliRunner busy = CliRunner.run("train", "lmser-dense", "--iterations", "1", "--out", tmp.toString(), "--ui",
                    config.toString());
            assertEquals(1, busy.exitCode);
            assertTrue(busy.err.contains("port " + taken.getLocalPort() + " is busy"), busy.err);
        }
    }

    @Test
    void replayOfAMissingFileAndUiWaitWithoutUiAreRefused() {
        CliRunner missing = CliRunner.run("ui", "--storage", tmp.resolve("none.bin").toString(), "--port", "0");
        assertEquals(1, missing.exitCode);
        assertTrue(missing.err.contains("storage file " + tmp.resolve("none.bin") + " does not exist"), missing.err);
        CliRunner wait = CliRunner.run("train", "lmser-dense", "--iterations", "1", "--ui-wait");
        assertEquals(1, wait.exitCode);
        assertTrue(wait.err.contains("--ui-wait keeps the dashboard open, so it needs --ui"), wait.err);
    }

    /**
     * Runs {@code train MODEL --ui CONFIG --json} with a config whose storage is {@code tmp/NAME/stats.bin}.
     *
     * @return the finished run (exit code 0 checked)
     */
    private CliRunner trainWithUi(String model, int iterations, String name, int sampleSize, int reconstructionEvery,
                                  int tsneEvery) throws Exception {
        return withUi(name, sampleSize, reconstructionEvery, tsneEvery, "train", model, "--iterations",
                String.valueOf(iterations), "--out", tmp.resolve(name + "-run").toString());
    }

    /** Runs the command with {@code --ui CONFIG --json} added, CONFIG's storage {@code tmp/NAME/stats.bin}. */
    private CliRunner withUi(String name, int sampleSize, int reconstructionEvery, int tsneEvery, String... command)
            throws Exception {
        Path config = tmp.resolve(name + ".json");
        Files.writeString(config, "{\"port\": 0, \"storage\": \"" + tmp.resolve(name + "/stats.bin") + "\","
                + " \"sampleSize\": " + sampleSize + ", \"reconstructionEvery\": " + reconstructionEvery
                + ", \"tsneEvery\": " + tsneEvery + ", \"tsneIterations\": 250}");
        String[] args = java.util.Arrays.copyOf(command, command.length + 3);
        args[command.length] = "--ui";
        args[command.length + 1] = config.toString();
        args[command.length + 2] = "--json";
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.exitCode, r.err + r.out);
        return r;
    }

    /** @return the stats file of {@link #trainWithUi}'s run NAME, served again on a free port */
    private Dashboard replay(String name) throws Exception {
        return Dashboard.replay(tmp.resolve(name + "/stats.bin"), "127.0.0.1", 0, false);
    }

    private static String base(Dashboard d) {
        return "http://127.0.0.1:" + d.port() + "/bidizoo";
    }

    private static JsonNode get(String url) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var res = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), url);
        return new ObjectMapper().readTree(res.body());
    }
}
