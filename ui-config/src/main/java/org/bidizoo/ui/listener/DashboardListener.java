package org.bidizoo.ui.listener;

import java.lang.management.ManagementFactory;
import java.util.function.UnaryOperator;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.zoo.train.GraphListener;
import org.bidizoo.zoo.train.RoundListener;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training listener that, every {@code every} iterations (and at iteration 0), computes one dashboard
 * record from the graph and posts it to a {@link StatsStorageRouter}. Works on any
 * {@link ComputationGraph}; {@link #post} can also be called directly (after training, say). Trained in rounds
 * (Spark), it posts once per round that reaches a multiple of {@code every}. During layer-wise pretraining it is
 * called with the graph, not the pretrained layer ({@link GraphListener}).
 */
public abstract class DashboardListener extends BaseTrainingListener implements RoundListener, GraphListener {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardListener.class);

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String typeId;
    private final int every;
    private final String workerId;
    private boolean announced;
    private UnaryOperator<ComputationGraph> view = UnaryOperator.identity();

    /**
     * @param router    where records go
     * @param sessionId the training session's ID
     * @param typeId    the record type
     * @param every     post every this many iterations, {@code >= 1}
     */
    protected DashboardListener(StatsStorageRouter router, String sessionId, String typeId, int every) {
        if (router == null) {
            throw new IllegalArgumentException("router: expected a StatsStorage or StatsStorageRouter, got null");
        }
        if (every < 1) {
            throw new IllegalArgumentException("every = " + every + ", expected >= 1 (iterations between updates)");
        }
        this.router = router;
        this.sessionId = sessionId;
        this.typeId = typeId;
        this.every = every;
        this.workerId = ManagementFactory.getRuntimeMXBean().getName();
    }

    /**
     * Makes the listener read the graph through a view: e.g. {@code BidizooModel::inferenceGraph}, whose
     * prediction graph (features in, classes out) can be fed a single input where an Associated Learning
     * training graph expects features and labels. The view is applied at each update.
     *
     * @param inference the view (identity by default)
     * @return this
     */
    public DashboardListener through(UnaryOperator<ComputationGraph> inference) {
        this.view = inference;
        return this;
    }

    /**
     * @param trained the graph being trained
     * @return the graph as this listener should read it (see {@link #through})
     */
    protected final ComputationGraph view(ComputationGraph trained) {
        return view.apply(trained);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % every != 0) {
            return;
        }
        if (!(model instanceof ComputationGraph g)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " works on a ComputationGraph, got "
                    + model.getClass().getSimpleName());
        }
        post(g, iteration);
    }

    @Override
    public void roundDone(ComputationGraph graph, int before, int after) {
        if (after / every > before / every) {
            post(graph, after);
        }
    }

    /**
     * Computes and posts a record now.
     *
     * @param graph     the graph
     * @param iteration the iteration to label it with
     */
    public void post(ComputationGraph graph, int iteration) {
        long t0 = System.nanoTime();
        // fit leaves the minibatch's label masks on the output layers (e.g. [50, 1] for semi-supervised
        // inversion), which DL4J's LossLayer would apply to our sample's output: drop them first
        graph.clearLayerMaskArrays();
        ComputationGraph read = view(graph);
        if (read != graph) {
            read.clearLayerMaskArrays();
        }
        String json = payload(read, iteration);
        publish(iteration, json);
        LOG.debug("{} at iteration {}: {} ms", typeId, iteration, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Posts a computed record (from any thread), announcing the listener first if it has not been.
     *
     * @param iteration the iteration to label it with
     * @param json      the payload
     */
    protected final void publish(int iteration, String json) {
        announce();
        router.putUpdate(new DashboardRecord(sessionId, typeId, workerId, System.currentTimeMillis(), iteration, json));
    }

    /**
     * Posts this listener's static info ({@link #staticPayload()}) once, so the pages know what is coming
     * before the first update (storages also list a session's workers from it; without it
     * {@code getLatestUpdate} finds nothing).
     */
    public final synchronized void announce() {
        if (!announced) {
            announce(router, sessionId, typeId, staticPayload());
            announced = true;
        }
    }

    /**
     * Posts a static info record of a type, e.g. to say why a page will get no updates.
     *
     * @param router    where records go
     * @param sessionId the session ID
     * @param typeId    the record type
     * @param json      the payload, a JSON object
     */
    public static void announce(StatsStorageRouter router, String sessionId, String typeId, String json) {
        router.putStaticInfo(new DashboardRecord(sessionId, typeId, ManagementFactory.getRuntimeMXBean().getName(),
                System.currentTimeMillis(), 0, json));
    }

    /** Waits until every update computed off the training thread has been posted (none by default). */
    public void flush() {
        // updates are posted synchronously unless a subclass says otherwise
    }

    /** @return the static info's JSON payload (default {@code {}}) */
    protected String staticPayload() {
        return "{}";
    }

    /**
     * @param graph     the graph as seen through the view (do not train it)
     * @param iteration the iteration
     * @return the record's JSON payload
     */
    protected abstract String payload(ComputationGraph graph, int iteration);
}
