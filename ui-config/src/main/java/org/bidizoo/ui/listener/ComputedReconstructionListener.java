package org.bidizoo.ui.listener;

import java.util.function.BiFunction;

import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reconstruction page for a model whose graph has no reconstruction output but that reconstructs its input by a
 * computation of its own (a deep belief net's up-down pass): every {@code every} iterations the function is applied
 * to the trained graph and the gallery, and the pairs are posted as {@link ReconstructionListener}'s are.
 */
public final class ComputedReconstructionListener extends DashboardListener {
    private final INDArray gallery;
    private final int channels;
    private final int height;
    private final int width;
    private final String source;
    private final BiFunction<ComputationGraph, INDArray, INDArray> reconstruct;

    /**
     * @param router      where records go
     * @param sessionId   the session ID
     * @param gallery     the images shown, in the model's feature layout
     * @param channels    image channels
     * @param height      image height
     * @param width       image width
     * @param every       iterations between updates, {@code >= 1}
     * @param source      what is shown (the model's name)
     * @param reconstruct the model's reconstruction: (trained graph, gallery) → reconstructions shaped as the gallery
     */
    public ComputedReconstructionListener(StatsStorageRouter router, String sessionId, INDArray gallery, int channels,
                                          int height, int width, int every, String source,
                                          BiFunction<ComputationGraph, INDArray, INDArray> reconstruct) {
        super(router, sessionId, RecordTypes.RECONSTRUCTIONS, every);
        if (gallery == null || reconstruct == null) {
            throw new IllegalArgumentException("gallery and reconstruct are required, got " + gallery + ", "
                    + reconstruct);
        }
        this.gallery = gallery;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.source = source;
        this.reconstruct = reconstruct;
    }

    @Override
    protected String payload(ComputationGraph graph, int iteration) {
        INDArray recon = reconstruct.apply(graph, gallery);
        return Json.write(ReconstructionListener.gallery(iteration, "model", source, gallery, recon, channels, height,
                width));
    }
}
