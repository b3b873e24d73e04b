package org.bidizoo.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** The Associated Learning commands, run briefly on real MNIST, answer with the JSON issue #4 promises. */
@Tag("data")
class AlCommandsRealDataTest {
    @TempDir
    Path tmp;

    private static JsonNode ok(String... args) {
        return CliRunner.ok(args);
    }

    @Test
    void reproduceAlReportsBothMethodsAndWritesCurves() throws Exception {
        JsonNode j = ok("reproduce", "al", "--model", "mlp", "--epochs", "1", "--train-limit", "128", "--eval-limit", "100",
                "--out", tmp.toString(), "--json");
        assertEquals(2, j.get("results").size());
        for (int i = 0; i < 2; i++) {
            JsonNode r = j.get("results").get(i);
            assertEquals(i == 0 ? "al" : "bp", r.get("method").asText());
            assertEquals("mlp", r.get("model").asText());
            assertEquals(1, r.get("epochs").asInt());
            assertTrue(r.get("test_accuracy").asDouble() >= 0 && r.get("test_accuracy").asDouble() <= 1);
            assertTrue(r.get("train_seconds").asDouble() > 0);
            assertEquals(13405194, r.get("effective_parameters").asLong());
        }
        assertTrue(Files.size(Path.of(j.get("png").asText())) > 1000);
        CliRunner bad = CliRunner.run("reproduce", "al", "--model", "vgg", "--json");
        assertTrue(bad.exitCode != 0 && bad.err.contains("--model: unknown 'vgg', expected mlp or cnn"), bad.err);
    }

    @Test
    void vanishingAndBench() throws Exception {
        JsonNode v = ok("reproduce", "al-vanishing", "--blocks", "2", "--width", "16", "--epochs", "1", "--train-limit",
                "200", "--eval-limit", "100", "--out", tmp.toString(), "--json");
        assertEquals("al", v.get("results").get(0).get("method").asText());
        assertEquals("bp", v.get("results").get(1).get("method").asText());
        assertEquals(5, v.get("results").get(1).get("gradient_path_layers").asInt());
        assertTrue(Files.size(Path.of(v.get("png").asText())) > 1000);

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
