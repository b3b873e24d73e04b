package org.bidizoo.ui.listener;

import java.lang.management.ManagementFactory;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Posts the reconstruction page's records for a model that is not a {@code ComputationGraph} (the deconvolutional
 * network's ISTA reconstructions): the same record as {@link ReconstructionListener}'s, from arrays the caller
 * computed. Not thread-safe; call it from the training loop.
 */
public final class ReconstructionPoster {
    private final StatsStorageRouter router;
    private final String sessionId;
    private final String source;
    private final String workerId = ManagementFactory.getRuntimeMXBean().getName();
    private boolean announced;

    /**
     * @param router    where records go
     * @param sessionId the training session's ID
     * @param source    the model's name, shown on the page
     */
    public ReconstructionPoster(StatsStorageRouter router, String sessionId, String source) {
        if (router == null) {
            throw new IllegalArgumentException("router: expected a StatsStorage or StatsStorageRouter, got null");
        }
        this.router = router;
        this.sessionId = sessionId;
        this.source = source;
    }

    /**
     * @param iteration the iteration (or update) to label the record with
     * @param features  inputs {@code [n, channels, height, width]} or {@code [n, channels * height * width]}, in
     *                  [0, 1]
     * @param recon     their reconstructions, as many values
     * @param channels  image channels
     * @param height    image height
     * @param width     image width
     */
    public void post(int iteration, INDArray features, INDArray recon, int channels, int height, int width) {
        if (features.length() != recon.length()) {
            throw new IllegalArgumentException("recon: " + recon.length() + " values for " + features.length()
                    + " input values; expected one reconstruction per input value");
        }
        if (!announced) {
            DashboardListener.announce(router, sessionId, RecordTypes.RECONSTRUCTIONS, "{}");
            announced = true;
        }
        String json = Json.write(ReconstructionListener.gallery(iteration, "model", source, features, recon, channels,
                height, width));
        router.putUpdate(new DashboardRecord(sessionId, RecordTypes.RECONSTRUCTIONS, workerId,
                System.currentTimeMillis(), iteration, json));
    }
}
