package org.bidizoo.ui.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.bidizoo.ui.module.RunTimesModule;
import org.bidizoo.ui.server.Dashboard;
import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.server.Http;
import org.bidizoo.ui.server.TinyGraphs;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.shade.jackson.databind.JsonNode;

/** DL4J's overview page fills its ratio and standard-deviation charts and its run times for an Lmser graph. */
class Dl4jOverviewTest {

    @Test
    void weightsWithoutATrailingWGetAnAliasAndOthersDoNot() {
        assertEquals(Map.of("lmser_W0", "lmser_W0_W", "lmser_W1", "lmser_W1_W"),
                WeightNamesRouter.aliases(TinyGraphs.lmser(TinyGraphs.PIXELS, 8, 4)));
        assertEquals(Map.of(), WeightNamesRouter.aliases(TinyGraphs.autoencoder()), "DL4J's own layers call it W");
    }

    @Test
    void overviewChartsAndRunTimesAreFilledForLmser() throws Exception {
        try (Dashboard d = Dashboard.start(new DashboardConfig(0, "127.0.0.1", null, null,
                List.of("input"), 30, 8, 5, 10, 250, 10, 2, null, true))) {
            ComputationGraph g = TinyGraphs.lmser(TinyGraphs.PIXELS, 8, 4);
            INDArray[] data = TinyGraphs.data(30, 1);
            g.addListeners(d.listeners(g, TinyGraphs.sample(data)).toArray(new TrainingListener[0]));
            for (int i = 0; i < 9; i++) {
                g.fit(new MultiDataSet(new INDArray[] {data[0]}, new INDArray[] {data[0]}));
            }
            String base = "http://127.0.0.1:" + d.port();
            Http.get(base + "/train/overview");
            // DL4J's TrainModule learns of the session from storage events delivered every 500 ms: ask until it has
            JsonNode o = Http.json(base + "/train/overview/data");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (o.get("updateRatios").isEmpty() && System.nanoTime() < deadline) {
                Http.get(base + "/train/sessions/set/" + d.sessionId());
                o = Http.json(base + "/train/overview/data");
            }
            for (String chart : List.of("updateRatios", "stdevGradients", "stdevUpdates")) {
                for (String w : List.of("lmser_W0_W", "lmser_W1_W")) {
                    JsonNode series = o.get(chart).get(w);
                    assertTrue(series != null && series.size() > 0, chart + " has " + w + ": " + o.get(chart));
                    assertTrue(series.get(0).asDouble() > 0, chart + " " + w + " " + series);
                }
            }
            JsonNode times = Http.json(base + "/bidizoo/run/data");
            assertTrue(times.get("startTime").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"),
                    times.toString());
            assertFalse(times.get("totalRuntime").asText().isEmpty(), times.toString());
        }
    }

    @Test
    void durationsReadLikeDl4jsTable() {
        assertEquals("7 s", RunTimesModule.duration(7_900));
        assertEquals("2 min 05 s", RunTimesModule.duration(125_000));
        assertEquals("1 h 02 min 05 s", RunTimesModule.duration(3_725_000));
    }
}
