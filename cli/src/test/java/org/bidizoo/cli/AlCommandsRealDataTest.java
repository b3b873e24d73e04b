package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.bidizoo.datasets.source.Sha256;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** The Associated Learning commands, run briefly on real MNIST, answer with the JSON issue #4 promises. */
@Tag("data")
@Tag("slow")
class AlCommandsRealDataTest {
    @TempDir
    Path tmp;

    private static JsonNode ok(String... args) {
        return CliRunner.ok(args);
    }

    @Test
    void reproduceAlReportsBothMethodsAndWritesCurves() throws Exception {
        JsonNode j = ok("reproduce", "al", "--model", "mlp", "--epochs", "1", "--train-limit", "128", "--eval-limit", "100",
                "--no-save", "--out", tmp.toString(), "--json");
        assertEquals(2, j.get("results").size());
        for (int i = 0; i < 2; i++) {
            JsonNode r = j.get("results").get(i);
            assertEquals(i == 0 ? "al" : "bp", r.get("method").asText());
            assertEquals("mlp", r.get("model").asText());
            assertEquals(1, r.get("epochs").asInt());
            assertTrue(r.get("test_accuracy").asDouble() >= 0 && r.get("test_accuracy").asDouble() <= 1);
            assertTrue(r.get("train_seconds").asDouble() > 0);
            assertEquals(13405194, r.get("effective_parameters").asLong());
            assertTrue(r.get("model_file") == null, "--no-save");
        }
        assertTrue(Files.size(Path.of(j.get("png").asText())) > 1000);
        JsonNode again = ok("reproduce", "al", "--model", "mlp", "--epochs", "1", "--train-limit", "128", "--eval-limit",
                "100", "--no-save", "--out", tmp.toString(), "--json", "--resume");
        assertEquals(j.get("results"), again.get("results"), "both cells kept in cells.json: nothing retrained");
        CliRunner bad = CliRunner.run("reproduce", "al", "--model", "vgg", "--json");
        assertTrue(bad.exitCode != 0 && bad.err.contains("--model: unknown 'vgg', expected mlp or cnn"), bad.err);
    }

    @Test
    void pipelinedReproductionSavesModelsThatTsneMapsWithClassDistances() throws Exception {
        JsonNode j = ok("reproduce", "al", "--model", "mlp", "--pipelined", "--stages", "2", "--epochs", "1",
                "--train-limit", "96", "--eval-limit", "60", "--points-per-epoch", "2", "--out", tmp.toString(), "--export", tmp.resolve("export").toString(), "--json");
        String[] layers = {"features", "f1", "f2", "b2", "h2", "h1"};
        for (int i = 0; i < 2; i++) {
            JsonNode r = j.get("results").get(i);
            assertEquals(i == 0 ? "pipelined-2" : "fit", r.get("trainer").asText());
            assertEquals(3, r.get("curve").size(), "start and two checkpoints");
            JsonNode d = r.get("distances");
            assertEquals(layers.length, d.size());
            for (int k = 0; k < layers.length; k++) {
                assertEquals(layers[k], d.get(k).get("layer").asText());
                assertEquals(d.get(k).get("inter").asDouble() / d.get(k).get("intra").asDouble(),
                        d.get(k).get("ratio").asDouble(), 1e-9);
            }
            assertEquals(d.get(0).toString(), j.get("results").get(1 - i).get("distances").get(0).toString(),
                    "both measure the same raw test images");
            assertTrue(Files.isRegularFile(Path.of(r.get("model_file").asText())));
            JsonNode e = r.get("export");
            assertEquals(i == 0 ? "al-mlp" : "al-mlp-bp", e.get("model").asText());
            Path weights = tmp.resolve("export").resolve(e.get("file").asText());
            assertEquals(Sha256.of(weights), e.get("sha256").asText());
            assertEquals(Files.size(weights), e.get("size").asLong());
            assertTrue(Files.getPosixFilePermissions(weights).contains(PosixFilePermission.OTHERS_READ),
                    "exported weights are readable by all, not owner-only like the temporary file they were");
            assertEquals(r.get("test_accuracy").asDouble(), e.get("metrics").get("test_accuracy").asDouble(), 1e-12);
            assertTrue(e.get("command").asText().startsWith("bidizoo reproduce al --model mlp --pipelined"));
        }
        JsonNode t = ok("tsne", "--model", j.get("results").get(0).get("model_file").asText(), "--layers", "f2,b2,h1",
                "--points", "60", "--iterations", "250", "--out", tmp.resolve("tsne").toString(), "--json");
        assertEquals(4, t.get("layers").size());
        assertEquals("h1", t.get("layers").get(3).get("layer").asText());
        CliRunner bad = CliRunner.run("reproduce", "al", "--model", "mlp", "--pipelined", "--stages", "3",
                "--train-limit", "32", "--out", tmp.toString(), "--json");
        assertTrue(bad.exitCode != 0 && bad.err.contains("stages = 3: expected 1..2 (the al-mlp model has 2 blocks)"),
                bad.err);
        CliRunner alone = CliRunner.run("reproduce", "al", "--stages", "2", "--out", tmp.toString(), "--json");
        assertTrue(alone.exitCode != 0 && alone.err.contains("--stages = 2 needs --pipelined"), alone.err);
    }

    @Test
    void vanishingAndBench() throws Exception {
        JsonNode v = ok("reproduce", "al-vanishing", "--blocks", "2", "--width", "16", "--epochs", "1", "--train-limit",
                "200", "--eval-limit", "100", "--out", tmp.toString(), "--json");
        assertEquals("al", v.get("results").get(0).get("method").asText());
        assertEquals("bp", v.get("results").get(1).get("method").asText());
        assertEquals(5, v.get("results").get(1).get("gradient_path_layers").asInt());
        assertTrue(Files.size(Path.of(v.get("png").asText())) > 1000);
        // as if killed while BP trained: only AL's cell was kept
        Path cells = tmp.resolve(ResultCells.FILE);
        org.nd4j.shade.jackson.databind.node.ObjectNode stored = (org.nd4j.shade.jackson.databind.node.ObjectNode)
                new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(cells.toFile());
        ((org.nd4j.shade.jackson.databind.node.ObjectNode) stored.get("cells")).remove("bp");
        Files.writeString(cells, stored.toString());
        JsonNode resumed = ok("reproduce", "al-vanishing", "--blocks", "2", "--width", "16", "--epochs", "1",
                "--train-limit", "200", "--eval-limit", "100", "--out", tmp.toString(), "--json", "--resume");
        assertEquals(v.get("results").get(0), resumed.get("results").get(0), "AL's cell as it was");
        JsonNode bp = resumed.get("results").get(1).deepCopy();
        ((org.nd4j.shade.jackson.databind.node.ObjectNode) bp).remove("train_seconds");
        JsonNode bpBefore = v.get("results").get(1).deepCopy();
        ((org.nd4j.shade.jackson.databind.node.ObjectNode) bpBefore).remove("train_seconds");
        assertEquals(bpBefore, bp, "BP retrained to the same numbers");

        JsonNode b = ok("bench", "al-mlp", "--pipelined", "--batch", "16", "--steps", "3", "--warmup", "1", "--repeats",
                "1", "--json");
        String[] methods = {"al-sequential", "al-pipelined", "al-pipelined-1stage", "bp"};
        assertEquals(methods.length, b.get("results").size());
        for (int i = 0; i < methods.length; i++) {
            assertEquals(methods[i], b.get("results").get(i).get("method").asText());
            assertTrue(b.get("results").get(i).get("train_samples_per_s").asDouble() > 0);
        }
    }
}
