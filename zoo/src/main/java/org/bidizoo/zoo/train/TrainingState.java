package org.bidizoo.zoo.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What listeners see of a running {@link TrainingLoop}.
 *
 * @param name       the run's name (for logs)
 * @param graph      the graph being trained
 * @param iteration  iterations done
 * @param iterations iterations the run will do
 * @param position   where the minibatch stream stands (the next minibatch)
 * @param perEpoch   minibatches in one epoch
 * @param seconds    seconds spent in training steps so far (listeners excluded)
 * @param score      the last minibatch's score ({@code NaN} before the first)
 */
public record TrainingState(String name, ComputationGraph graph, int iteration, int iterations, BatchPosition position,
                            int perEpoch, double seconds, double score) {
    /** @return epochs done, fractional */
    public double epochs() {
        return (double) iteration / perEpoch;
    }
}
