package org.bidizoo.zoo.train;

import java.util.Iterator;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * How the {@link TrainingLoop} applies minibatches to the graph: DL4J's ordinary {@code fit}, one at a time
 * ({@link #FIT}), or a strategy that keeps several in flight (Associated Learning's pipelined blocks).
 */
@FunctionalInterface
public interface TrainingStep {
    /** DL4J's ordinary {@code fit}, one minibatch at a time. */
    TrainingStep FIT = (graph, batches) -> {
        while (batches.hasNext()) {
            graph.fit(batches.next());
        }
    };

    /**
     * Trains on every minibatch given, in order; when it returns, the graph holds the result of all of them.
     *
     * @param graph   the graph (trained in place)
     * @param batches the training minibatches of this stretch
     */
    void fit(ComputationGraph graph, Iterator<MultiDataSet> batches);

    /**
     * @return whether this step gains from long stretches (then the loop hands it every minibatch up to the
     *         next iteration a listener asked for, see {@link TrainingListener#nextStop(int)}); a step that does
     *         not gets one minibatch at a time and every listener is called after each
     */
    default boolean pipelined() {
        return false;
    }
}
