package org.bidizoo.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.shade.jackson.databind.JsonNode;

/** What a user meets off the happy path: an unknown layer, an unknown page, a model without reconstruction. */
class AnswersTest {
    @Test
    void unknownLayerIs400NamingTheMappedLayers() throws Exception {
        try (Dashboard d = Dashboard.start(DashboardServerTest.config(0, null, List.of("input", "code")))) {
            ComputationGraph g = TinyGraphs.autoencoder();
            d.listeners(g, TinyGraphs.sample(TinyGraphs.data(30, 1)));
            String base = "http://127.0.0.1:" + d.port();
            HttpResponse<String> r = Http.get(base + "/bidizoo/tsne?layer=bogus");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("layer=bogus is not mapped on this dashboard; the mapped layers are input,"
                    + " code (choose them with &quot;layers&quot; in the ui-config file)."), r.body());
            assertTrue(r.body().contains("href=\"/bidizoo\""), r.body());
            assertEquals(400, Http.get(base + "/bidizoo/tsne/data?layer=bogus").statusCode());
            assertEquals(200, Http.get(base + "/bidizoo/tsne?layer=code").statusCode());
            JsonNode data = Http.json(base + "/bidizoo/tsne/data?layer=code");
            assertEquals("[\"input\",\"code\"]", data.get("mapped").toString());
        }
    }

    @Test
    void unknownPageIs404WithAWayBackAndKnownPagesStillAnswer() throws Exception {
        try (Dashboard d = Dashboard.start(DashboardServerTest.config(0, null, List.of()))) {
            String base = "http://127.0.0.1:" + d.port();
            HttpResponse<String> r = Http.get(base + "/bidizoo/nonexistent");
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("There is no page /bidizoo/nonexistent on this dashboard; its pages are"
                    + " /bidizoo, /bidizoo/reconstructions, /bidizoo/tsne, /bidizoo/losses, /bidizoo/inversion."),
                    r.body());
            assertTrue(r.body().contains("<a id=\"back\" href=\"/bidizoo\">"), r.body());
            for (String page : List.of("/bidizoo", "/bidizoo/reconstructions", "/bidizoo/tsne", "/bidizoo/losses",
                    "/bidizoo/inversion", "/bidizoo/tsne/data", "/bidizoo/losses/data", "/bidizoo/reconstructions/data",
                    "/bidizoo/inversion/data", "/bidizoo/run/data")) {
                assertEquals(200, Http.get(base + page).statusCode(), page);
            }
        }
    }

    @Test
    void modelWithoutReconstructionSaysSo() throws Exception {
        try (Dashboard d = Dashboard.start(DashboardServerTest.config(0, null, List.of()))) {
            ComputationGraph g = TinyGraphs.classifier();
            INDArray[] data = TinyGraphs.data(60, 1);
            g.addListeners(d.listeners(g, TinyGraphs.sample(data)).toArray(new TrainingListener[0]));
            g.fit(new MultiDataSet(new INDArray[] {data[0]}, new INDArray[] {data[1]}));
            JsonNode rec = Http.json("http://127.0.0.1:" + d.port() + "/bidizoo/reconstructions/data");
            assertEquals("This model has no reconstruction: the graph has no output of the input's size 16 (outputs:"
                    + " [label=3]); name the reconstruction vertex, one of [input, hidden, label]"
                    + " (\"reconstructionVertex\" in the ui-config file).", rec.get("unavailable").asText());
        }
    }
}
