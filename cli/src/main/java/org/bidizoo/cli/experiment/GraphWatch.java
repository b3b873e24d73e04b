package org.bidizoo.cli.experiment;

import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Told of each network an experiment is about to train, before its first iteration: the dashboard attaches
 * its listeners here ({@code reproduce inversion --ui}).
 */
@FunctionalInterface
public interface GraphWatch {
    /** Watches nothing. */
    GraphWatch NONE = (spec, graph) -> { };

    /**
     * @param spec  the zoo model
     * @param graph its fresh graph, about to be trained
     */
    void training(BidizooModel spec, ComputationGraph graph);
}
