package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Seed 001's commands, run briefly on the real MNIST files: {@code attend} and {@code reproduce lmser-xu}. */
@Tag("data")
class LmserXuCommandsRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void attendMeasuresRightAndWrongAttention() throws Exception {
        JsonNode j = CliRunner.ok("attend", "--iterations", "60", "--limit", "200", "--class-mean-images", "500",
                "--gains", "0.5,1", "--out", tmp.toString(), "--json");
        JsonNode conditions = j.get("result").get("conditions");
        assertEquals(3, conditions.size());
        JsonNode occluded = conditions.get(1);
        assertTrue(occluded.get("corruption").asText().startsWith("occluded 14x14"));
        JsonNode row = occluded.get("rows").get(1);
        assertEquals(1.0, row.get("gain").asDouble(), 0);
        // attending to the true class must help against attending to a wrong one
        assertTrue(row.get("right").asDouble() > row.get("wrong").asDouble(), row.toString());
        assertTrue(Files.size(Path.of(j.get("result").get("figure").asText())) > 1000);
        assertTrue(Files.size(Path.of(j.get("result").get("plot").asText())) > 1000);
        assertTrue(Files.exists(tmp.resolve("results.json")));
    }

    @Test
    void reproduceLmserXuGivesMonotoneEnergiesAndRuleCurves() {
        JsonNode j = CliRunner.ok("reproduce", "lmser-xu", "--hidden", "50,20", "--iterations", "20", "--pca-steps",
                "100", "--pca-seeds", "1", "--out", tmp.toString(), "--json");
        JsonNode r = j.get("result");
        assertEquals(4, r.get("energies").size());
        for (JsonNode e : r.get("energies")) {
            assertTrue(e.get("monotone").asBoolean() && e.get("converged").asBoolean(), e.toString());
        }
        assertTrue(r.get("localRuleMse").asDouble() < r.get("untrainedMse").asDouble());
        assertEquals(3, r.get("curves").size());
        assertEquals("oja", r.get("curves").get(0).get("rule").asText());
        assertTrue(Files.exists(Path.of(r.get("energyPng").asText())));
        assertTrue(Files.exists(Path.of(r.get("rulesPng").asText())));
    }

    @Test
    void badOptionsAreClearErrors() {
        CliRunner r = CliRunner.run("attend", "--variant", "un", "--json");
        assertEquals(1, r.exitCode);
        assertEquals("variant = un, expected sup or sup-n (attention needs label units)",
                r.json().get("error").asText());
        r = CliRunner.run("attend", "--gains", "0,1", "--json");
        assertEquals(1, r.exitCode);
        assertEquals("gains: 0.0 is not a finite number > 0", r.json().get("error").asText());
        r = CliRunner.run("reproduce", "lmser-xu", "--units", "20", "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().contains("units = 20 (dimension 16)"), r.out);
    }
}
