package org.bidizoo.zoo.model;

/**
 * One phase of a zoo model's layer-wise pretraining: DL4J's {@code pretrainLayer} on one layer for a number of
 * minibatches. A model lists its phases in {@link BidizooModel#pretraining()}; the training loop runs them in
 * order and then trains the whole graph with {@code fit}.
 *
 * @param layer      the graph layer DL4J pretrains (a pretrain layer, e.g. an RBM)
 * @param iterations minibatches of this phase, {@code >= 1}
 */
public record PretrainPhase(String layer, int iterations) {
    /** Iterations of a phase that lasts the whole run (a model that is only pretrained, such as an RBM). */
    public static final int WHOLE_RUN = Integer.MAX_VALUE;

    /**
     * @throws IllegalArgumentException naming a missing layer or iterations below 1
     */
    public PretrainPhase {
        if (layer == null || layer.isEmpty()) {
            throw new IllegalArgumentException("pretrain phase: layer name required, got '" + layer + "'");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("pretrain phase of '" + layer + "': iterations = " + iterations
                    + ", expected >= 1");
        }
    }
}
