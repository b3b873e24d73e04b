package org.bidizoo.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bidizoo.cli.BidizooCli;
import org.bidizoo.ui.server.Dashboard;
import org.bidizoo.zoo.train.SavedModels;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** {@code bidizoo train MODEL --spark local[2]} end to end on the real MNIST files, and its bad options. */
@Tag("data")
class TrainSparkCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BidizooCli.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** @return a dashboard config NAME.json writing to {@code stats}: 60 points, reconstructions every 10 */
    private Path uiConfig(String name, Path stats) throws Exception {
        Path config = tmp.resolve(name + ".json");
        Files.writeString(config, "{\"port\": 0, \"storage\": \"" + stats + "\", \"sampleSize\": 60,"
                + " \"reconstructionEvery\": 10, \"tsneEvery\": 1000, \"tsneIterations\": 250}");
        return config;
    }

    /** @return the newest reconstruction record of a stored run, read through a replaying dashboard */
    private static JsonNode reconstructions(Path stats) throws Exception {
        try (Dashboard replay = Dashboard.replay(stats, "127.0.0.1", 0, false)) {
            return new ObjectMapper().readTree(new java.net.URL("http://127.0.0.1:" + replay.port()
                    + "/bidizoo/reconstructions/data"));
        }
    }

    @Test
    void trainsOnLocalSparkAndSavesTheUsualModelWatchedOnTheDashboard() throws Exception {
        Path stats = tmp.resolve("ui/stats.bin");
        Path config = uiConfig("ui", stats);
        Run r = run("train", "lmser-dense", "--spark", "local[2]", "--averaging-frequency", "5", "--iterations", "40",
                "--out", tmp.resolve("run").toString(), "--ui", config.toString(), "--json");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("lmser-dense", j.get("model").asText());
        assertEquals(40, j.get("iterations").asInt());
        JsonNode s = j.get("spark");
        assertEquals("local[2]", s.get("master").asText());
        assertEquals(2, s.get("workers").asInt(), "workers default to the threads of local[N]");
        assertEquals(5, s.get("averaging_frequency").asInt());
        assertEquals(50, s.get("batch_per_worker").asInt());
        assertEquals(4, s.get("averaging_rounds").asInt());
        double mse = j.get("recon_mse").asDouble();
        assertTrue(mse > 0 && mse < 0.2, "test MSE " + mse);
        SavedModels.Loaded back = SavedModels.load(Path.of(j.get("model_file").asText()));
        assertEquals("lmser-dense", back.spec().name());
        assertEquals("mnist", back.dataset());
        assertNotEquals(back.spec().init().params(), back.graph().params(), "the saved parameters are the trained ones");
        // DL4J's stats came from the workers, through the training master, into the dashboard's storage
        FileStatsStorage st = new FileStatsStorage(stats.toFile());
        try {
            long workerUpdates = 0;
            for (String session : st.listSessionIDs()) {
                workerUpdates += st.getAllUpdatesAfter(session, StatsListener.TYPE_ID, 0).size();
            }
            assertTrue(workerUpdates > 0, "StatsListener updates from the workers: " + st.listSessionIDs());
        } finally {
            st.close();
        }
        JsonNode rec = reconstructions(stats);
        assertEquals(40, rec.get("iteration").asInt(), "reconstructions of the averaged model: " + rec);
        assertTrue(rec.get("rows").size() > 0, rec.toString());
    }

    // DL4J 1.0.0-M2's SharedTrainingWrapper hangs now and then on local[2] (a task parked in
    // BlockingObserver.waitTillDone for minutes: one clean-clone CI run of two on 2026-12-06), so gradient sharing's
    // real runs stay out of the default test run (-Dsurefire.excludedGroups= runs them) and fail after 5 minutes
    // instead of hanging.
    @Tag("slow")
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @Test
    void gradientSharingIsWatchedOnTheDashboardToo() throws Exception {
        // SharedTrainingMaster would ship the dashboard's storage to the workers ("Task not serializable")
        Path stats = tmp.resolve("shared-ui/stats.bin");
        Path config = uiConfig("shared-ui", stats);
        Run r = run("train", "lmser-dense", "--spark", "local[2]", "--gradient-sharing", "--averaging-frequency", "10",
                "--iterations", "20", "--out", tmp.resolve("shared-run").toString(), "--ui", config.toString(), "--json");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals("SharedTrainingMaster", new ObjectMapper().readTree(r.out()).get("spark").get("training_master")
                .asText());
        JsonNode rec = reconstructions(stats);
        assertTrue(rec.get("rows").size() > 0, rec.toString());
    }

    @Test
    void trainsAnInversionModelWithItsSeveralLosses() throws Exception {
        Run r = run("train", "inversion-smallcnn", "--spark", "local[2]", "--averaging-frequency", "5", "--iterations",
                "20", "--batch", "20", "--out", tmp.toString(), "--json");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("spark").get("averaging_rounds").asInt());
        assertEquals(20, j.get("spark").get("batch_per_worker").asInt());
        double acc = j.get("test_accuracy").asDouble();
        assertTrue(j.get("test_accuracy").isNumber() && acc >= 0 && acc <= 1, "test accuracy " + acc);
        SavedModels.Loaded back = SavedModels.load(Path.of(j.get("model_file").asText()));
        assertEquals("inversion-smallcnn", back.spec().name());
        assertNotEquals(back.spec().init().params(), back.graph().params(), "the saved parameters are the trained ones");
    }

    @Test
    void badOptionsAreNamed() {
        String[][] cases = {
            {"--spark", "locl[2]", "master: unknown 'locl[2]'"},
            {"--spark", "local[2]", "--workers", "0", "--workers = 0, expected >= 1"},
            {"--spark", "local[2]", "--averaging-frequency", "0", "--averaging-frequency = 0, expected >= 1"},
            {"--workers", "2", "--workers sets how training runs on Spark, so it needs --spark MASTER"},
            {"--spark", "local[2]", "--checkpoint-every", "5", "--spark trains on the cluster without checkpoints"},
            {"--gradient-sharing", "--gradient-sharing sets how training runs on Spark, so it needs --spark MASTER"},
            {"--spark", "local[2]", "--threshold", "1e-4", "--threshold sets gradient sharing, so it needs"
                    + " --gradient-sharing"},
            {"--spark", "local[2]", "--gradient-sharing", "--threshold", "1.5", "--threshold = 1.5, expected a value in"
                    + " (0, 1)"},
            {"--al-pipeline", "--al-pipeline trains on Spark, so it needs --spark MASTER"},
            {"--spark", "local[2]", "--chunk", "5", "--chunk sets the AL pipeline's Spark jobs, so it needs"
                    + " --al-pipeline"},
            {"--spark", "local[2]", "--al-pipeline", "--gradient-sharing", "--al-pipeline runs one Spark task per"
                    + " block, with no training master: drop --gradient-sharing"},
            {"--spark", "local[2]", "--al-pipeline", "--chunk", "0", "--chunk = 0, expected >= 1"},
            {"--spark", "local[2]", "--al-pipeline", "--iterations", "2", "--al-pipeline pipelines Associated"
                    + " Learning's blocks; lmser-dense is not an Associated Learning model"},
            {"--spark", "local[2]", "--gradient-sharing", "--sharing-port", "80", "--sharing-port = 80, expected a UDP"
                    + " port in 1024..65535"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "train";
            args[1] = "lmser-dense";
            System.arraycopy(c, 0, args, 2, c.length - 1);
            args[c.length + 1] = "--out";
            args[c.length + 2] = tmp.resolve("bad").toString();
            Run r = run(args);
            assertNotEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.err().contains(c[c.length - 1]), String.join(" ", args) + ": " + r.err());
        }
        Run rbm = run("train", "rbm-binary", "--spark", "local[2]", "--iterations", "4", "--out",
                tmp.resolve("rbm").toString());
        assertNotEquals(0, rbm.code());
        assertTrue(rbm.err().contains("rbm-binary trains its layers by contrastive divergence"), rbm.err());
    }
}
