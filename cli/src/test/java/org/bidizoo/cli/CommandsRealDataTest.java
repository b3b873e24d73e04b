package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** Every Lmser command, run briefly on the real MNIST files, answers with the JSON its issue promises. */
@Tag("data")
class CommandsRealDataTest {
    @TempDir
    Path tmp;

    private static JsonNode ok(String... args) {
        return CliRunner.ok(args);
    }

    @Test
    void trainWritesModelPngAndMetrics() throws Exception {
        JsonNode j = ok("train", "lmser-dense", "--variant", "sup", "--iterations", "30", "--out", tmp.toString(), "--json");
        assertEquals("lmser-dense", j.get("model").asText());
        assertEquals("sup", j.get("variant").asText());
        assertTrue(j.get("recon_mse").asDouble() > 0 && j.get("recon_mse").asDouble() < 0.2);
        assertTrue(j.get("test_accuracy").asDouble() > 0.2);
        assertTrue(Files.size(Path.of(j.get("model_file").asText())) > 100_000);
        assertTrue(Files.size(Path.of(j.get("png").asText())) > 1000);

        JsonNode a = ok("attack", "fgsm", "--from", j.get("model_file").asText(), "--eps", "0.3", "--limit", "200",
                "--json");
        assertTrue(a.get("clean_accuracy").asDouble() >= a.get("adversarial_accuracy").asDouble());
        assertEquals(0.3, a.get("epsilon").asDouble(), 1e-12);
    }

    @Test
    void reproduceRecallGenerateAndBench() {
        JsonNode t = ok("reproduce", "lmser", "--iterations", "10,20", "--variants", "un,sup", "--out",
                tmp.resolve("t1").toString(), "--json");
        assertEquals(4, t.get("results").size());
        JsonNode row = t.get("results").get(3);
        assertEquals("lmser-sup", row.get("variant").asText());
        assertEquals(20, row.get("iterations").asInt());
        assertTrue(row.get("recon_mse").asDouble() > 0);

        JsonNode r = ok("recall", "--variants", "un,ae", "--iterations", "20", "--limit", "100", "--out",
                tmp.resolve("recall").toString(), "--json");
        assertEquals("ae", r.get("results").get(1).get("variant").asText());
        assertTrue(r.get("results").get(0).get("masked_mse").asDouble() > 0);
        assertTrue(Files.exists(Path.of(r.get("png").asText())));

        JsonNode g = ok("generate", "--iterations", "20", "--values", "3", "--out", tmp.resolve("gen").toString(),
                "--json");
        assertEquals(3, g.get("png").size());

        JsonNode b = ok("bench", "lmser-dense", "--steps", "5", "--warmup", "2", "--repeats", "1", "--json");
        assertTrue(b.get("train_samples_per_s").asDouble() > 0);
        assertTrue(b.get("infer_samples_per_s").asDouble() > 0);
        assertTrue(b.get("peak_rss_mb").asDouble() > 0);
        assertTrue(b.get("train_thread_cpu_ms_per_step").asDouble() > 0);
        assertTrue(b.get("train_process_cpu_ms_per_step").asDouble() > 0);
        // surefire runs without the launcher; the test's environment decides which setting this is
        assertEquals(System.getenv("OMP_NUM_THREADS") == null ? "nd4j-defaults" : "omp-env", b.get("setting").asText());

        JsonNode one = ok("bench", "lmser-dense", "--steps", "2", "--warmup", "1", "--repeats", "1", "--threads", "1",
                "--json");
        assertEquals("threads-call", one.get("setting").asText());
        assertEquals(1, one.get("threads").asInt(), "NativeThreads.set(1) takes effect");
        assertEquals(1, one.get("blas_threads").asInt());

        JsonNode alt = ok("bench", "lmser-dense", "--steps", "2", "--warmup", "2", "--repeats", "2",
                "--alternate-threads", "2,1", "--json");
        assertEquals("alternating", alt.get("setting").asText());
        JsonNode rows = alt.get("alternating");
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).get("threads").asInt());
        assertEquals(1, rows.get(1).get("threads").asInt());
        for (JsonNode count : rows) {
            assertEquals(2, count.get("train_repeats").size());
            assertEquals(2, count.get("infer_repeats").size());
            assertTrue(count.get("train_samples_per_s").asDouble() > 0);
        }
        assertEquals(1.0, rows.get(0).get("train_ratio_repeats").get(1).asDouble(), 1e-12, "the first count is the base");
        double ratio = rows.get(1).get("train_repeats").get(0).asDouble() / rows.get(0).get("train_repeats").get(0).asDouble();
        assertEquals(ratio, rows.get(1).get("train_ratio_repeats").get(0).asDouble(), 1e-9);
    }

    @Test
    void pretrainedListFetchVerify() throws Exception {
        String old = System.getProperty("bidizoo.pretrained.dir");
        System.setProperty("bidizoo.pretrained.dir", tmp.resolve("cache").toString());
        try {
            JsonNode l = ok("pretrained", "list", "--json");
            assertTrue(l.get("weights").size() >= 3);
            assertEquals("lmser-dense-un/MNIST_V1", l.get("weights").get(0).get("id").asText());
            JsonNode v = ok("pretrained", "verify", "--json");
            assertFalse(v.get("verified").asBoolean(), "nothing cached yet");
            assertEquals(0, v.get("corrupt").asInt(), "not fetched is not corrupt");
            assertEquals("not fetched", v.get("weights").get(0).get("state").asText());
            JsonNode f = ok("pretrained", "fetch", "lmser-dense-un/MNIST_V1", "--json");
            assertTrue(f.get("cached").asBoolean());
            JsonNode one = ok("pretrained", "verify", "lmser-dense-un/MNIST_V1", "--json");
            assertTrue(one.get("verified").asBoolean());
            Path cached = Path.of(one.get("weights").get(0).get("path").asText());
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(cached)), "cache files are readable by all");
            Files.write(cached, new byte[] {1, 2, 3});
            CliRunner corrupt = CliRunner.run("pretrained", "verify", "lmser-dense-un/MNIST_V1");
            assertEquals(1, corrupt.exitCode);
            assertTrue(corrupt.out.contains("BAD          lmser-dense-un/MNIST_V1"), corrupt.out);
            assertTrue(ok("pretrained", "fetch", "lmser-dense-un/MNIST_V1", "--json").get("cached").asBoolean());
            assertTrue(ok("pretrained", "verify", "lmser-dense-un/MNIST_V1", "--json").get("verified").asBoolean(),
                    "a corrupt copy is replaced");
            CliRunner bad = CliRunner.run("pretrained", "fetch", "nope/V1", "--json");
            assertEquals(1, bad.exitCode);
            assertTrue(bad.json().get("error").asText().contains("unknown id 'nope/V1'"));
        } finally {
            if (old == null) {
                System.clearProperty("bidizoo.pretrained.dir");
            } else {
                System.setProperty("bidizoo.pretrained.dir", old);
            }
        }
    }

    @Test
    void badOptionsAreClearErrors() {
        CliRunner r = CliRunner.run("train", "lmser-dense", "--variant", "nope", "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().contains("variant: unknown 'nope'"));
        r = CliRunner.run("attack", "fgsm", "--model", "lmser-dense", "--variant", "un", "--iterations", "1", "--limit", "10",
                "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().contains("does not classify"), r.out);
        r = CliRunner.run("bench", "lmser-dense", "--alternate-threads", "1,0", "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().contains("--alternate-threads = [1, 0]: expected thread counts >= 1"),
                r.out);
        r = CliRunner.run("bench", "lmser-dense", "--alternate-threads", "1,2", "--threads", "1", "--json");
        assertEquals(1, r.exitCode);
        assertTrue(r.json().get("error").asText().contains("expected one of them"), r.out);
    }

    @Test
    void finetuneComparesPretrainedWithScratchOnFewLabels() throws Exception {
        JsonNode j = ok("finetune", "--pretrained", "lmser-dense-un/MNIST_V1", "--dataset", "fashion-mnist", "--labels",
                "200", "--epochs", "3", "--methods", "finetune-frozen,scratch", "--out", tmp.resolve("ft").toString(),
                "--json");
        assertEquals("lmser-dense-un/MNIST_V1", j.get("pretrained").asText());
        assertEquals(2, j.get("results").size());
        JsonNode frozen = j.get("results").get(0);
        JsonNode scratch = j.get("results").get(1);
        assertEquals("finetune-frozen", frozen.get("method").asText());
        assertEquals("scratch", scratch.get("method").asText());
        assertEquals(12, frozen.get("iterations").asInt());
        // the frozen encoder trains only the head (300 + 100 + 10 -> 128 -> 10); scratch trains the whole Lmser too
        assertEquals(410 * 128 + 128 + 128 * 10 + 10, frozen.get("trainable_parameters").asLong());
        assertTrue(scratch.get("trainable_parameters").asLong() > 260_000);
        for (JsonNode r : j.get("results")) {
            assertTrue(r.get("test_accuracy").asDouble() > 0.3, r.toString());
            assertTrue(Files.exists(Path.of(r.get("model_file").asText())));
        }
        CliRunner bad = CliRunner.run("finetune", "--pretrained", "fcn/MNIST_V1", "--json");
        assertEquals(1, bad.exitCode);
        assertTrue(bad.err.contains("is not an Lmser model"), bad.err);
        CliRunner badFeatures = CliRunner.run("finetune", "--features", "both", "--json");
        assertTrue(badFeatures.err.contains("--features = both, expected hidden or code"), badFeatures.err);
        CliRunner badMethod = CliRunner.run("finetune", "--methods", "frozen", "--json");
        assertTrue(badMethod.err.contains("method: unknown 'frozen'"), badMethod.err);
    }

    @Test
    void reproduceInversionRunsSemiSupervisedAndBaseline() throws Exception {
        JsonNode j = ok("reproduce", "inversion", "--iterations", "40", "--labels", "50", "--baseline-labels", "1000",
                "--lr", "0.001", "--lr-decay", "0.999", "--test-limit", "500", "--eval-every", "15", "--out",
                tmp.resolve("inv").toString(), "--json");
        assertEquals(500, j.get("test_examples").asInt());
        assertEquals(0.001, j.get("lr").asDouble(), 1e-12);
        assertEquals(0.999, j.get("lr_decay").asDouble(), 1e-12);
        JsonNode semi = j.get("results").get(0);
        JsonNode base = j.get("results").get(1);
        assertEquals("smallcnn", semi.get("model").asText());
        assertEquals(50, semi.get("labels").asInt());
        assertEquals(0.7, semi.get("alpha").asDouble(), 1e-12);
        assertEquals(0.2, semi.get("beta").asDouble(), 1e-12);
        assertEquals(40, semi.get("iterations").asInt());
        assertTrue(semi.get("recon_mse").asDouble() > 0);
        assertEquals("mean", semi.get("recon_loss").asText());
        assertEquals(1.0, semi.get("recon_scale").asDouble(), 1e-12);
        JsonNode confusion = semi.get("confusion");
        assertEquals(10, confusion.size());
        long counted = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            assertEquals(10, confusion.get(t).size());
            for (int p = 0; p < 10; p++) {
                counted += confusion.get(t).get(p).asLong();
            }
            diagonal += confusion.get(t).get(t).asLong();
        }
        assertEquals(500, counted, "every test image counted once");
        assertEquals(semi.get("test_accuracy").asDouble(), diagonal / 500.0, 1e-12);
        JsonNode curve = semi.get("curve");
        assertEquals(3, curve.size(), "after 15, 30 and the final 40 minibatches");
        assertEquals(15, curve.get(0).get("iteration").asInt());
        assertEquals(40, curve.get(2).get("iteration").asInt());
        assertEquals(semi.get("test_accuracy").asDouble(), curve.get(2).get("test_accuracy").asDouble(), 1e-12);
        assertEquals(1.0, base.get("alpha").asDouble(), 1e-12);
        assertEquals(2.0, base.get("epochs").asDouble(), 1e-12, "40 minibatches of 50 over 1000 labels");
        assertTrue(base.get("recon_mse").isNull());
        // 40 supervised steps on 1000 labels already beat chance clearly
        assertTrue(base.get("test_accuracy").asDouble() > 0.3, base.toString());
        assertTrue(Files.size(Path.of(j.get("png").asText())) > 1000);
        CliRunner bad = CliRunner.run("reproduce", "inversion", "--pool", "median", "--json");
        assertTrue(bad.err.contains("--pool = median, expected max or mean"), bad.err);
        CliRunner badLoss = CliRunner.run("reproduce", "inversion", "--recon-loss", "l1", "--json");
        assertTrue(badLoss.err.contains("--recon-loss: unknown 'l1', expected sum or mean"), badLoss.err);
        CliRunner badScale = CliRunner.run("reproduce", "inversion", "--recon-scale", "-2", "--json");
        assertTrue(badScale.err.contains("reconScale = -2.0, expected a finite number >= 0"), badScale.err);
        CliRunner badDecay = CliRunner.run("reproduce", "inversion", "--lr-decay", "1.5", "--json");
        assertTrue(badDecay.err.contains("--lr-decay = 1.5, expected in (0, 1]"), badDecay.err);
    }

    @Test
    void reproduceInversionOverSeveralSeedsGivesTheirMeanAndStd() throws Exception {
        JsonNode j = ok("reproduce", "inversion", "--iterations", "12", "--seed", "3,5", "--baseline-labels", "0",
                "--entropy-ramp", "0.005", "--class-balance", "0.3", "--test-limit", "200", "--out", tmp.resolve("inv-seeds").toString(), "--json");
        JsonNode results = j.get("results");
        assertEquals(2, results.size(), "one semi-supervised run per seed");
        assertEquals(3, results.get(0).get("seed").asLong());
        assertEquals(5, results.get(1).get("seed").asLong());
        assertEquals(12, results.get(1).get("entropy_ramp_iterations").asInt(), "0.005 of 2398 minibatches per epoch");
        assertEquals(0.3, results.get(1).get("class_balance").asDouble(), 1e-12);
        double a = results.get(0).get("test_accuracy").asDouble();
        double b = results.get(1).get("test_accuracy").asDouble();
        assertEquals((a + b) / 2, j.get("semi_supervised_mean_accuracy").asDouble(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), j.get("semi_supervised_std_accuracy").asDouble(), 1e-12);
        assertTrue(Files.size(Path.of(results.get(1).get("png").asText())) > 1000);
        assertTrue(results.get(1).get("png").asText().endsWith("reconstructions-seed5.png"));
        CliRunner twice = CliRunner.run("reproduce", "inversion", "--seed", "4,4", "--json");
        assertTrue(twice.err.contains("--seed = [4, 4], expected one or more distinct seeds"), twice.err);
        CliRunner badBalance = CliRunner.run("reproduce", "inversion", "--class-balance", "-1", "--json");
        assertTrue(badBalance.err.contains("classBalance = -1.0, expected a finite number >= 0"), badBalance.err);
        CliRunner badRamp = CliRunner.run("reproduce", "inversion", "--entropy-ramp", "-1", "--json");
        assertTrue(badRamp.err.contains("--entropy-ramp = -1.0, expected a finite number of epochs >= 0"), badRamp.err);
    }

    @Test
    void reproduceInversion1dComparesSupervisedAndRegularizedRuns() {
        JsonNode j = ok("reproduce", "inversion-1d", "--train", "100", "--test", "100", "--length", "64", "--epochs",
                "3", "--seeds", "2", "--eval-every", "2", "--out", tmp.resolve("inv1d").toString(), "--json");
        assertEquals(4, j.get("results").size(), "2 pairs x 2 seeds");
        JsonNode first = j.get("results").get(0);
        assertEquals(1.0, first.get("alpha").asDouble(), 1e-12);
        assertEquals(1, first.get("seed").asInt());
        assertEquals(2, j.get("results").get(1).get("seed").asInt());
        assertEquals("[2,3]", first.get("epochs").toString());
        assertEquals(2, first.get("accuracy_curve").size());
        assertEquals(0.3, j.get("results").get(3).get("beta").asDouble(), 1e-12);
        for (JsonNode r : j.get("results")) {
            double a = r.get("test_accuracy").asDouble();
            assertTrue(a >= 0 && a <= 1, r.toString());
        }
        CliRunner bad = CliRunner.run("reproduce", "inversion-1d", "--configs", "0.7", "--json");
        assertTrue(bad.err.contains("--configs: '0.7' is not alpha:beta"), bad.err);
    }
}
