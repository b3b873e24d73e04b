package org.bidizoo.zoo.train;

import java.util.Iterator;

import org.bidizoo.layers.associated.PipelinedTrainer;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Associated Learning's blocks trained concurrently ({@link PipelinedTrainer}, exact to {@code fit}) as a
 * {@link TrainingStep}: the loop hands it raw minibatches (features, one-hot labels) up to the next iteration a
 * listener needs, and the pipeline keeps several in flight. Use it with the loop's default batch factory
 * (raw minibatches), not {@link TrainingLoop#forModel}. Close it to stop the pipeline's threads.
 */
public final class PipelinedStep implements TrainingStep, AutoCloseable {
    private final PipelinedTrainer trainer;

    /**
     * @param spec   an Associated Learning zoo model (not a backprop twin)
     * @param graph  its training graph
     * @param stages pipeline threads, 1..number of blocks
     * @throws IllegalArgumentException naming the value and the valid range
     */
    public PipelinedStep(AssociatedZooModel spec, ComputationGraph graph, int stages) {
        var net = spec.network(graph);
        if (stages < 1 || stages > net.numBlocks()) {
            throw new IllegalArgumentException("stages = " + stages + ": expected 1.." + net.numBlocks() + " (the "
                    + spec.name() + " model has " + net.numBlocks() + " blocks)");
        }
        this.trainer = new PipelinedTrainer(net, stages);
    }

    @Override
    public void fit(ComputationGraph graph, Iterator<MultiDataSet> batches) {
        trainer.fit(new Iterator<DataSet>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public DataSet next() {
                MultiDataSet m = batches.next();
                return new DataSet(m.getFeatures(0), m.getLabels(0));
            }
        });
    }

    @Override
    public boolean pipelined() {
        return true;
    }

    @Override
    public void close() {
        trainer.close();
    }
}
