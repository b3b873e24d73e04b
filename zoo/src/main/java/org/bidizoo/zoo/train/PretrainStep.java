package org.bidizoo.zoo.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

import org.bidizoo.zoo.model.PretrainPhase;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Layer-wise pretraining as a {@link TrainingStep}: the run's first iterations go to DL4J's
 * {@code pretrainLayer} on each {@link PretrainPhase}'s layer in turn (one minibatch per call, so listeners and
 * checkpoints see every iteration), the rest to {@code fit}. The phase of a minibatch follows from its iteration
 * number, so a resumed run continues in the right phase. While pretraining, the graph's score is the pretrained
 * layer's (an RBM's reconstruction error), so the loop's divergence check watches it.
 *
 * <p>DL4J keeps a pretrain layer's updater state (momentum) and an RBM's persistent chain in the layer object: a
 * run resumed from a checkpoint has the checkpoint's parameters but restarts those.
 */
public final class PretrainStep implements TrainingStep {
    private final List<PretrainPhase> phases;

    /**
     * @param phases the phases, in order (non-empty)
     * @throws IllegalArgumentException if there are none
     */
    public PretrainStep(List<PretrainPhase> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("phases: none given; a model without pretraining uses TrainingStep.FIT");
        }
        this.phases = List.copyOf(phases);
    }

    @Override
    public void fit(ComputationGraph graph, Iterator<MultiDataSet> batches) {
        fit(graph, batches, 0);
    }

    @Override
    public void fit(ComputationGraph graph, Iterator<MultiDataSet> batches, int firstIteration) {
        long it = firstIteration;
        while (batches.hasNext()) {
            MultiDataSet m = batches.next();
            String layer = phaseLayer(it);
            if (layer == null) {
                telling(graph, it, () -> graph.fit(m));
            } else {
                Layer l = graph.getVertex(layer) == null ? null : graph.getVertex(layer).getLayer();
                if (l == null || !l.isPretrainLayer()) {
                    throw new IllegalStateException("pretrain phase: layer '" + layer + "' is "
                            + (l == null ? "not in the graph" : "not a pretrain layer (" + l.getClass().getSimpleName()
                            + ")"));
                }
                telling(graph, it, () -> {
                    graph.pretrainLayer(layer, new OneBatch(m));
                    graph.setScore(l.score());
                });
            }
            it++;
        }
    }

    /**
     * Runs one minibatch with the graph's {@link GraphListener}s set aside, then tells them, with the graph and
     * the run's iteration. DL4J calls a graph's listeners with the pretrained layer as the model during
     * {@code pretrainLayer}, and the graph's own iteration count does not advance while pretraining (so
     * fine-tuning would report from 0 again); other listeners keep DL4J's behaviour.
     */
    private static void telling(ComputationGraph graph, long iteration, Runnable minibatch) {
        Collection<org.deeplearning4j.optimize.api.TrainingListener> all = graph.getListeners() == null
                ? List.of() : new ArrayList<>(graph.getListeners());
        List<GraphListener> graphLevel = new ArrayList<>();
        List<org.deeplearning4j.optimize.api.TrainingListener> others = new ArrayList<>();
        for (org.deeplearning4j.optimize.api.TrainingListener t : all) {
            if (t instanceof GraphListener g) {
                graphLevel.add(g);
            } else {
                others.add(t);
            }
        }
        if (graphLevel.isEmpty()) {
            minibatch.run();
            return;
        }
        graph.setListeners(others);
        try {
            minibatch.run();
        } finally {
            graph.setListeners(all);
        }
        for (GraphListener g : graphLevel) {
            g.iterationDone(graph, (int) iteration, graph.getEpochCount());
        }
    }

    /** @return the layer pretrained at this iteration, or null once every phase is done */
    String phaseLayer(long iteration) {
        long end = 0;
        for (PretrainPhase p : phases) {
            end += p.iterations();
            if (iteration < end) {
                return p.layer();
            }
        }
        return null;
    }

    /** One minibatch as DL4J's iterator (no reset, no asynchronous prefetch thread). */
    private static final class OneBatch implements MultiDataSetIterator {
        private final MultiDataSet batch;
        private boolean done;

        OneBatch(MultiDataSet batch) {
            this.batch = batch;
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("one fixed minibatch; it takes no preprocessor");
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return false;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("one fixed minibatch; it cannot be reset");
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public MultiDataSet next() {
            if (done) {
                throw new java.util.NoSuchElementException("the one minibatch was taken");
            }
            done = true;
            return batch;
        }
    }
}
