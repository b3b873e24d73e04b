package org.bidizoo.zoo.train;

import java.util.Iterator;

import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * How the {@link TrainingLoop} applies minibatches to the graph: DL4J's ordinary {@code fit}, one at a time
 * ({@link #FIT}), a strategy that keeps several in flight (Associated Learning's pipelined blocks), or DL4J's
 * layer-wise pretraining before {@code fit} ({@link PretrainStep}: RBMs, deep belief nets).
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
     * Trains on every minibatch given, knowing where they stand in the run (a schedule such as layer-wise
     * pretraining needs it; the loop calls this one). The default ignores the position.
     *
     * @param graph          the graph (trained in place)
     * @param batches        the training minibatches of this stretch
     * @param firstIteration iterations done before the first of them ({@code >= 0}; a resumed run counts the ones
     *                       before it)
     */
    default void fit(ComputationGraph graph, Iterator<MultiDataSet> batches, int firstIteration) {
        fit(graph, batches);
    }

    /**
     * @param spec a zoo model
     * @return how the loop applies its minibatches: {@link #FIT}, or its layer-wise pretraining
     *         ({@link BidizooModel#pretraining()}) followed by {@code fit}
     */
    static TrainingStep forModel(BidizooModel spec) {
        return spec.pretraining().isEmpty() ? FIT : new PretrainStep(spec.pretraining());
    }

    /**
     * @return whether this step gains from long stretches (then the loop hands it every minibatch up to the
     *         next iteration a listener asked for, see {@link TrainingListener#nextStop(int)}); a step that does
     *         not gets one minibatch at a time and every listener is called after each
     */
    default boolean pipelined() {
        return false;
    }
}
