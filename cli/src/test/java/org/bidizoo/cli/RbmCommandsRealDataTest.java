package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Seed 004's RBM commands, run briefly on the real MNIST files. */
@Tag("data")
class RbmCommandsRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void trainRbmByContrastiveDivergence() throws Exception {
        JsonNode j = CliRunner.ok("train", "rbm-binary", "--iterations", "30", "--out", tmp.resolve("rbm").toString(),
                "--json");
        assertEquals("rbm-binary", j.get("model").asText());
        assertTrue(j.get("recon_mse").asDouble() > 0 && j.get("recon_mse").asDouble() < 0.1, j.toString());
        assertTrue(Files.size(Path.of(j.get("png").asText())) > 1000);
        assertTrue(Files.size(Path.of(j.get("model_file").asText())) > 100_000);
    }

    @Test
    void reproduceRbmMeasuresReconstructionExactLikelihoodAndDbnAccuracy() throws Exception {
        Path out = tmp.resolve("repro");
        JsonNode j = CliRunner.ok("reproduce", "rbm", "--iterations", "10,20", "--hidden", "20", "--ll-hidden", "8",
                "--pll-examples", "20", "--labels", "20", "--dbn-hidden", "30,20", "--dbn-pretrain", "10",
                "--dbn-finetune", "10", "--out", out.toString(), "--json");
        JsonNode r = j.get("results");
        assertEquals(2 * 2 + 2 * 3 + 3, r.size(), r.toString());
        assertEquals("rbm-binary", r.get(0).get("model").asText());
        assertEquals(20, r.get(1).get("iterations").asInt());
        assertTrue(r.get(1).get("recon_mse").asDouble() < r.get(0).get("recon_mse").asDouble(), r.toString());
        assertEquals("rbm-gaussian", r.get(2).get("model").asText());
        JsonNode cd0 = r.get(4);
        JsonNode cd20 = r.get(6);
        assertEquals("cd1", cd0.get("method").asText());
        assertEquals(0, cd0.get("iterations").asInt());
        assertTrue(cd20.get("log_likelihood").asDouble() > cd0.get("log_likelihood").asDouble() + 10, r.toString());
        assertEquals("pcd1", r.get(7).get("method").asText());
        assertEquals("pretrained", r.get(10).get("init").asText());
        assertEquals("random", r.get(11).get("init").asText());
        assertEquals("random-xavier", r.get(12).get("init").asText());
        assertTrue(r.get(10).get("test_accuracy").asDouble() > 0.1);
        for (String png : new String[] {"rbm-binary-h20-filters.png", "rbm-binary-h20-samples.png",
                "rbm-gaussian-h20-reconstructions.png", "dbn-samples.png", "dbn-filters.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 500, png);
        }
        assertTrue(Files.exists(out.resolve("results.json")));
        CliRunner bad = CliRunner.run("reproduce", "rbm", "--parts", "recon,aes", "--json");
        assertTrue(bad.err.contains("--parts: unknown 'aes'; expected recon, ll, dbn and/or ais"), bad.err);
        bad = CliRunner.run("reproduce", "rbm", "--k", "0", "--json");
        assertTrue(bad.err.contains("--k = 0, expected >= 1 Gibbs steps per update"), bad.err);
    }

    @Test
    void reproduceRbmAisEstimatesTheTestLogProbabilityWithAnErrorBar() throws Exception {
        Path out = tmp.resolve("ais");
        JsonNode j = CliRunner.ok("reproduce", "rbm", "--parts", "ais", "--ais-hidden", "20", "--ais-k", "1,3",
                "--ais-iterations", "40", "--ais-steps", "20,200", "--ais-runs", "20", "--out", out.toString(), "--json");
        JsonNode r = j.get("results");
        assertEquals(4, r.size(), r.toString());
        assertEquals("cd1", r.get(0).get("method").asText());
        assertEquals("cd3", r.get(2).get("method").asText());
        assertEquals(20, r.get(0).get("ais_steps").asInt());
        assertEquals(200, r.get(1).get("ais_steps").asInt());
        for (JsonNode row : r) {
            double lp = row.get("test_log_prob").asDouble();
            assertTrue(lp < 0 && lp > -543, row.toString());
            assertTrue(row.get("log_z_upper").asDouble() > row.get("log_z").asDouble(), row.toString());
            assertTrue(row.get("test_log_prob_lower").asDouble() < lp, row.toString());
        }
        assertTrue(Files.exists(out.resolve("cells.json")));
        CliRunner bad = CliRunner.run("reproduce", "rbm", "--parts", "ais", "--ais-runs", "1", "--json");
        assertTrue(bad.err.contains("--ais-runs = 1, expected >= 2"), bad.err);
        bad = CliRunner.run("reproduce", "rbm", "--parts", "ais", "--ais-k", "1,25", "--ais-iterations", "1,2,3");
        assertTrue(bad.err.contains("--ais-iterations: 3 numbers, expected one, or one per --ais-k (2)"), bad.err);
        bad = CliRunner.run("reproduce", "rbm", "--parts", "ais", "--ais-steps", "0");
        assertTrue(bad.err.contains("intermediate = 0, expected >= 1"), bad.err);
    }
}
