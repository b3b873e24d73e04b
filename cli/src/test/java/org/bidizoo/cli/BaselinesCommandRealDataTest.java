package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** {@code reproduce baselines} and {@code train} of the autoencoder family, briefly, on the real MNIST files. */
@Tag("data")
class BaselinesCommandRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void reconstructionTableAndFewLabelCellsAreMeasuredAndResumed() {
        String[] args = {"reproduce", "baselines", "--iterations", "30,60", "--models",
                "ae-denoising-masking,ae-contractive,rbm-binary",
                "--labels", "50", "--label-sets", "1", "--levels", "16,8", "--pretrain-iterations", "20",
                "--finetune-iterations", "20", "--out", tmp.toString(), "--json"};
        JsonNode j = CliRunner.ok(args);
        JsonNode results = j.get("results");
        assertEquals(6 + 6, results.size(), results.toString());
        JsonNode first = results.get(0);
        assertEquals("ae-denoising-masking", first.get("model").asText());
        assertEquals(30, first.get("iterations").asInt());
        assertTrue(first.get("recon_mse").asDouble() > 0 && first.get("recon_mse").asDouble() < 0.2, first.toString());
        assertTrue(first.get("denoise_mse").asDouble() > 0, "a denoising model has a denoising MSE");
        assertTrue(results.get(2).get("denoise_mse").isNull(), "the contractive one has none");
        assertTrue(results.get(3).get("recon_mse").asDouble() < results.get(2).get("recon_mse").asDouble(),
                "the contractive autoencoder learns: " + results);
        JsonNode rbm = results.get(5);
        assertEquals("rbm-binary", rbm.get("model").asText());
        assertEquals(60, rbm.get("iterations").asInt());
        assertTrue(rbm.get("recon_mse").asDouble() < 0.1, "the RBM trains at its own rate: " + rbm);
        JsonNode few = results.get(6);
        assertEquals("random", few.get("model").asText());
        assertEquals(50, few.get("labels").asInt());
        assertTrue(few.get("test_accuracy").asDouble() > 0.2, few.toString());
        JsonNode dbn = results.get(11);
        assertEquals("dbn", dbn.get("model").asText());
        assertEquals(50, dbn.get("labels").asInt());
        assertTrue(Files.exists(tmp.resolve("results.json")));
        // resumed with every cell done: the same results, no training
        String[] resumed = java.util.Arrays.copyOf(args, args.length + 1);
        resumed[args.length] = "--resume";
        assertEquals(results, CliRunner.ok(resumed).get("results"));
    }

    @Test
    void theDeepBeliefNetStartIsPretrainedAndFineTuned() {
        // at 16-8 and 20 minibatches the sigmoid DBN is still at chance; 64-32 and 100 + 60 minibatches are enough
        JsonNode dbn = CliRunner.ok("reproduce", "baselines", "--sections", "few-label", "--starts", "dbn", "--levels",
                "64,32", "--labels", "100", "--label-sets", "1", "--pretrain-iterations", "100",
                "--finetune-iterations", "60", "--out", tmp.resolve("dbn").toString(), "--json").get("results").get(0);
        assertEquals("dbn", dbn.get("model").asText());
        assertTrue(dbn.get("test_accuracy").asDouble() > 0.25, "the pretrained DBN classifies: " + dbn);
    }

    @Test
    void trainRunsAnAutoencoderOfTheFamily() {
        JsonNode j = CliRunner.ok("train", "ae-sparse-kl", "--iterations", "40", "--out", tmp.toString(), "--json");
        assertEquals("ae-sparse-kl", j.get("model").asText());
        assertTrue(j.get("recon_mse").asDouble() < 0.2, j.toString());
    }

    @Test
    void trainRunsAStackedAutoencoderLevelByLevel() {
        JsonNode j = CliRunner.ok("train", "stacked-dae", "--iterations", "40", "--out", tmp.resolve("st").toString(),
                "--json");
        assertEquals("stacked-dae", j.get("model").asText());
        assertEquals(20, j.get("greedy").get("iterations_per_level").asInt(), j.toString());
        assertTrue(j.get("recon_mse").asDouble() < 0.2, j.toString());
        CliRunner bad = CliRunner.run("train", "stacked-ae", "--checkpoint-every", "10", "--json");
        assertEquals(1, bad.exitCode);
        assertEquals("stacked-ae trains its levels greedily on one machine, without checkpoints; drop the checkpoint"
                + " options", bad.json().get("error").asText());
    }

    @Test
    void trainSetsADenoisingAutoencodersNoiseLevel() {
        JsonNode j = CliRunner.ok("train", "ae-denoising-gaussian", "--corruption", "0.5", "--iterations", "20",
                "--out", tmp.resolve("g").toString(), "--json");
        assertEquals("ae-denoising-gaussian", j.get("model").asText());
        CliRunner bad = CliRunner.run("train", "ae-denoising-salt-pepper", "--corruption", "1.5", "--json");
        assertEquals("corruption level = 1.5 for salt-pepper, expected a number in (0, 1]",
                bad.json().get("error").asText());
        bad = CliRunner.run("train", "ae-l2", "--corruption", "0.2", "--json");
        assertTrue(bad.json().get("error").asText().startsWith("--corruption sets a denoising autoencoder's noise"
                + " level; ae-l2 has no input corruption"), bad.json().toString());
    }

    @Test
    void badOptionsAreClearErrors() {
        CliRunner r = CliRunner.run("reproduce", "baselines", "--models", "ae-nope", "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().startsWith("model: unknown 'ae-nope'"), r.json().toString());
        r = CliRunner.run("reproduce", "baselines", "--masking", "1.5", "--json");
        assertEquals(1, r.exitCode);
        assertEquals("corruption level = 1.5 for masking, expected a number in (0, 1]", r.json().get("error").asText());
        r = CliRunner.run("reproduce", "baselines", "--starts", "random,dbm", "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().startsWith("--starts: unknown 'dbm'; expected some of"),
                r.json().toString());
    }
}
