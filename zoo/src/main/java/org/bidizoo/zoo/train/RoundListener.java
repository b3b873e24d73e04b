package org.bidizoo.zoo.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A listener of a graph trained elsewhere in rounds of several iterations at once (a Spark averaging round: the
 * workers fit, the driver's graph then holds the averaged parameters). DL4J's own listeners only see single
 * iterations, so a listener that acts "every N iterations" implements this to act once a round crosses a multiple
 * of N.
 */
public interface RoundListener {
    /**
     * @param graph  the graph after the round (on the driver)
     * @param before its iteration count before the round
     * @param after  its iteration count after the round, {@code > before}
     */
    void roundDone(ComputationGraph graph, int before, int after);
}
