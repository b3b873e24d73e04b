package org.bidizoo.ui.listener;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Posts the loss of every output layer of the graph, as computed in the last {@code fit}: for an
 * Associated Learning model these are its local losses, one or two per block; for Lmser(sup) the
 * reconstruction and the label loss.
 */
public final class LocalLossListener extends DashboardListener {
    /**
     * @param router    where records go
     * @param sessionId the session ID
     * @param every     iterations between updates, {@code >= 1}
     */
    public LocalLossListener(StatsStorageRouter router, String sessionId, int every) {
        super(router, sessionId, RecordTypes.LOSSES, every);
    }

    @Override
    protected String payload(ComputationGraph graph, int iteration) {
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        Map<String, Object> losses = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            double s = graph.getOutputLayer(i).score();
            losses.put(outputs.get(i), Double.isFinite(s) ? s : null);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("iteration", iteration);
        r.put("losses", losses);
        return Json.write(r);
    }
}
