package org.bidizoo.spark;

import java.util.Collection;
import java.util.List;

import org.bidizoo.zoo.train.RoundListener;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * The listeners on the driver's graph while the training happens elsewhere (on Spark's workers or tasks): after each
 * round they are told what the round did. DL4J's routing listeners ({@code StatsListener}) are left out: where they
 * report, they report from the workers.
 */
final class DriverListeners {
    private DriverListeners() {
    }

    /**
     * @param graph the driver's graph, holding the parameters after the round
     * @return whether any listener on it is told by {@link #roundDone}
     */
    static boolean any(ComputationGraph graph) {
        for (TrainingListener l : listeners(graph)) {
            if (!(l instanceof RoutingIterationListener)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param graph the driver's graph, holding the parameters after the round
     * @return whether a DL4J routing listener (its {@code StatsListener}) is on it
     */
    static boolean anyRouting(ComputationGraph graph) {
        for (TrainingListener l : listeners(graph)) {
            if (l instanceof RoutingIterationListener) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells {@link RoundListener}s the round (once, with the iterations it covered) and the other non-routing
     * listeners its last iteration.
     *
     * @param graph  the driver's graph after the round
     * @param before its iteration count before the round
     * @param after  its iteration count after the round; nothing happens unless {@code after > before}
     */
    static void roundDone(ComputationGraph graph, int before, int after) {
        if (after <= before) {
            return;
        }
        for (TrainingListener l : listeners(graph)) {
            if (l instanceof RoundListener r) {
                r.roundDone(graph, before, after);
            } else if (!(l instanceof RoutingIterationListener)) {
                l.iterationDone(graph, after, graph.getEpochCount());
            }
        }
    }

    private static Collection<TrainingListener> listeners(ComputationGraph graph) {
        return graph.getListeners() == null ? List.of() : graph.getListeners();
    }
}
