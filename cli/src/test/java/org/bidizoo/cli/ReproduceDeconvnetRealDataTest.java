package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** {@code bidizoo reproduce deconvnet}, briefly, on real MNIST, and its refusals of bad settings. */
@Tag("data")
class ReproduceDeconvnetRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void measuresLearnedAndRandomFiltersAndWritesThePngs() throws Exception {
        JsonNode j = CliRunner.ok("reproduce", "deconvnet", "--maps", "4", "--updates", "5", "--batch", "8", "--steps",
                "5", "--eval-steps", "10", "--test-images", "20", "--out", tmp.toString(), "--json");
        JsonNode r = j.get("results");
        assertEquals(2, r.size());
        assertEquals("learned", r.get(0).get("filters").asText());
        assertEquals("random", r.get(1).get("filters").asText());
        assertEquals(20, r.get(0).get("test_images").asInt());
        assertTrue(r.get(1).get("recon_mse").asDouble() > 0 && r.get(1).get("recon_mse").asDouble() < 0.2, r.toString());
        assertTrue(r.get(0).get("zero_fraction").asDouble() > 0, r.toString());
        for (JsonNode png : j.get("png")) {
            assertTrue(Files.size(Path.of(png.asText())) > 200, png.asText());
        }
        assertEquals(j.get("results"), new org.nd4j.shade.jackson.databind.ObjectMapper()
                .readTree(Files.readString(tmp.resolve("results.json"))).get("results"));
        assertTrue(j.get("command").asText().startsWith("./bidizoo reproduce deconvnet --dataset mnist --maps 4"));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("--lambda = -1.0: expected a finite value > 0 (the weight of the reconstruction term of J)",
                CliRunner.run("reproduce", "deconvnet", "--lambda", "-1", "--json").json().get("error").asText());
        assertTrue(CliRunner.run("reproduce", "deconvnet", "--p", "0.5", "--json").json().get("error").asText()
                .startsWith("--p = 0.5: expected 1 <= p <= 2"));
        assertEquals("--steps = 0: expected >= 1 ISTA/FISTA iterations",
                CliRunner.run("reproduce", "deconvnet", "--steps", "0", "--json").json().get("error").asText());
        assertTrue(CliRunner.run("reproduce", "deconvnet", "--rate", "2", "--json").json().get("error").asText()
                .startsWith("--rate = 2.0: expected 0 < rate <= 1"));
    }
}
