package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run through the library on the real MNIST files: train, evaluate, save, resume, an engine, bad settings. */
@Tag("data")
class TrainingRunTest {
    private static DataSplits data;
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        data = DataSplits.load("mnist");
    }

    private static BidizooModel lmser() {
        return ZooRegistry.create("lmser-dense", null, ModelSettings.builder().seed(5).build());
    }

    @Test
    void aRunKilledAfterACheckpointAndResumedEndsWhereAnUninterruptedRunEnds() throws IOException {
        List<String> events = new ArrayList<>();
        TrainingRun.Watcher watcher = new TrainingRun.Watcher() {
            @Override
            public void started(BidizooModel model, org.deeplearning4j.nn.graph.ComputationGraph graph, DataSplits d) {
                events.add("started " + graph.getIterationCount());
            }

            @Override
            public void finished(org.deeplearning4j.nn.graph.ComputationGraph graph, int iterations) {
                events.add("finished " + iterations);
            }
        };
        TrainingRun.Result whole = TrainingRun.builder(lmser(), data).iterations(12).batch(20).seed(3)
                .checkpoints(4, null, 2).out(tmp.resolve("whole")).watcher(watcher)
                .figure((m, g, d, dir) -> Files.writeString(dir.resolve("fig.txt"), m.name()))
                .onStart(dir -> Files.writeString(dir.resolve("started.txt"), "x")).build().run();
        assertEquals(List.of("started 0", "finished 12"), events);
        assertTrue(Files.size(whole.modelFile()) > 100_000, "model.zip written");
        assertEquals(tmp.resolve("whole").toAbsolutePath().resolve("fig.txt"), whole.figure());
        assertTrue(Files.exists(tmp.resolve("whole/started.txt")));
        assertTrue(whole.evaluation().reconMse() < 0.2, "evaluated on the test set: " + whole.evaluation().reconMse());
        assertEquals(10_000, whole.evaluation().examples());
        Map<String, Object> json = whole.toJson();
        assertEquals("lmser-dense", json.get("model"));
        assertEquals("un", json.get("variant"));
        assertNull(json.get("resumed_at"));
        assertNull(json.get("spark"));

        // "killed" after its checkpoint at 8: the same settings, 8 iterations
        Path cut = tmp.resolve("cut");
        TrainingRun.builder(lmser(), data).iterations(8).batch(20).seed(3).checkpoints(4, null, 2).out(cut).build()
                .run();
        events.clear();
        TrainingRun.Result resumed = TrainingRun.builder(lmser(), data).iterations(12).batch(20).seed(3)
                .checkpoints(4, null, 2).out(cut).resume().watcher(watcher)
                .onStart(dir -> Files.writeString(dir.resolve("started.txt"), "x")).build().run();
        assertEquals(List.of("started 8", "finished 12"), events);
        assertEquals(8, resumed.resumedAt());
        assertEquals(whole.graph().params(), resumed.graph().params());
        assertEquals(whole.graph().getUpdater().getStateViewArray(), resumed.graph().getUpdater().getStateViewArray());
        assertTrue(!Files.exists(cut.resolve("started.txt")), "onStart runs only for a fresh run");
    }

    @Test
    void anEngineTrainsInsteadOfTheLocalLoopAndItsSettingsAreReported() throws IOException {
        int[] calls = new int[1];
        TrainingRun.Result r = TrainingRun.builder(lmser(), data).iterations(7).batch(10).out(tmp.resolve("e"))
                .engine((m, g, d, iterations, batch, seed) -> {
                    calls[0]++;
                    assertEquals(7, iterations);
                    assertEquals(10, batch);
                    return new TrainingRun.Outcome(2.0, Map.of("master", "test"));
                }).build().run();
        assertEquals(1, calls[0]);
        assertEquals(0, r.graph().getIterationCount(), "the local loop did not train");
        assertEquals(Map.of("master", "test"), r.toJson().get("spark"));
        assertEquals(35.0, (double) r.toJson().get("train_samples_per_s"), 1e-9);
        assertTrue(!Files.exists(tmp.resolve("e/checkpoints")) || Files.list(tmp.resolve("e/checkpoints")).count() == 0);
    }

    @Test
    void badSettingsAreNamed() {
        assertMessage("iterations = 0, expected >= 1", () -> TrainingRun.builder(lmser(), data).iterations(0));
        assertMessage("epochs = -1, expected >= 1", () -> TrainingRun.builder(lmser(), data).epochs(-1));
        assertMessage("batch = 0, expected >= 1", () -> TrainingRun.builder(lmser(), data).batch(0));
        assertMessage("checkpoints kept = 0, expected >= 1",
                () -> TrainingRun.builder(lmser(), data).checkpoints(5, null, 0));
        assertMessage("give one of them", () -> TrainingRun.builder(lmser(), data).iterations(5).epochs(1).build());
        assertMessage("the run wrote no checkpoint yet", () -> TrainingRun.builder(lmser(), data).iterations(5)
                .out(tmp.resolve("empty"), "--resume").resume().build().run());
        assertMessage("batch = 70000, expected in [1, 60000] (the mnist training set's size)",
                () -> TrainingRun.builder(lmser(), data).batch(70_000).out(tmp.resolve("big")).build().run());
        assertTrue(!Files.exists(tmp.resolve("big")), "refused before the folder is made");
        assertEquals(Path.of("runs", "lmser-dense-un-mnist"), TrainingRun.defaultFolder(lmser(), data));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
