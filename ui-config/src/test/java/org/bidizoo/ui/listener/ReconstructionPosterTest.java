package org.bidizoo.ui.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The reconstruction record of a model that is not a graph: what it posts, and its bad input. */
class ReconstructionPosterTest {
    @Test
    void postsTheGalleryRecordWithItsMse() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        ReconstructionPoster p = new ReconstructionPoster(storage, "s1", "deconvnet");
        var x = Nd4j.zeros(DataType.FLOAT, 2, 1, 4, 4);
        var recon = Nd4j.valueArrayOf(new long[] {2, 16}, 0.5f);
        p.post(7, x, recon, 1, 4, 4);
        Persistable latest = storage.getLatestUpdate("s1", RecordTypes.RECONSTRUCTIONS,
                storage.listWorkerIDsForSession("s1").get(0));
        JsonNode j = new ObjectMapper().readTree(((DashboardRecord) latest).json());
        assertEquals(7, j.get("iteration").asInt());
        assertEquals("deconvnet", j.get("model").asText());
        assertEquals(0.25, j.get("mse").asDouble(), 1e-7, "(0 - 0.5)^2 per pixel");
        assertEquals(2, j.get("rows").size(), "inputs and reconstructions");
        assertTrue(j.get("summary").asText().startsWith("model deconvnet, reconstruction MSE 0.25"), j.toString());
        assertEquals(1, storage.getAllStaticInfos("s1", RecordTypes.RECONSTRUCTIONS).size(), "announced once");
        p.post(8, x, recon, 1, 4, 4);
        assertEquals(1, storage.getAllStaticInfos("s1", RecordTypes.RECONSTRUCTIONS).size(), "still once");
    }

    @Test
    void badInputIsNamed() {
        assertEquals("router: expected a StatsStorage or StatsStorageRouter, got null", assertThrows(
                IllegalArgumentException.class, () -> new ReconstructionPoster(null, "s", "m")).getMessage());
        ReconstructionPoster p = new ReconstructionPoster(new InMemoryStatsStorage(), "s", "m");
        assertEquals("recon: 8 values for 16 input values; expected one reconstruction per input value",
                assertThrows(IllegalArgumentException.class, () -> p.post(1, Nd4j.zeros(DataType.FLOAT, 1, 16),
                        Nd4j.zeros(DataType.FLOAT, 1, 8), 1, 4, 4)).getMessage());
    }
}
