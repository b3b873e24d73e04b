package org.bidizoo.zoo.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A zoo model with its trained graph: trained now, or loaded from a file saved by {@link SavedModels}.
 *
 * @param spec         the zoo model
 * @param graph        the trained graph
 * @param dataset      the dataset it was trained on
 * @param iterations   iterations trained now (0 if loaded)
 * @param trainSeconds seconds spent training now (0 if loaded)
 */
public record TrainedModel(BidizooModel spec, ComputationGraph graph, String dataset, int iterations,
                           double trainSeconds) {

    /**
     * @param spec       the zoo model
     * @param data       the dataset
     * @param iterations minibatches
     * @param batch      minibatch size
     * @param seed       shuffle seed
     * @return the trained model
     */
    public static TrainedModel train(BidizooModel spec, DataSplits data, int iterations, int batch, long seed) {
        return train(spec, data, iterations, batch, seed, g -> { });
    }

    /**
     * @param spec       the zoo model
     * @param data       the dataset
     * @param iterations minibatches
     * @param batch      minibatch size
     * @param seed       shuffle seed
     * @param prepare    called with the fresh graph before training (to add listeners, say)
     * @return the trained model
     */
    public static TrainedModel train(BidizooModel spec, DataSplits data, int iterations, int batch, long seed,
                                     Consumer<ComputationGraph> prepare) {
        ComputationGraph g = spec.init();
        prepare.accept(g);
        double secs = TrainingLoop.forModel(spec, g, Batches.of(data.trainIterator(spec.featureLayout(), batch, seed)))
                .iterations(iterations).build().run().seconds();
        return new TrainedModel(spec, g, data.name(), iterations, secs);
    }

    /**
     * @param file a model zip written by {@link SavedModels#save}
     * @return the model
     * @throws IOException if it cannot be read
     */
    public static TrainedModel load(Path file) throws IOException {
        SavedModels.Loaded l = SavedModels.load(file);
        return new TrainedModel(l.spec(), l.graph(), l.dataset(), 0, 0);
    }
}
