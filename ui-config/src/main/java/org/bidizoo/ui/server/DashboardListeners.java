package org.bidizoo.ui.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.listener.ComputedReconstructionListener;
import org.bidizoo.ui.listener.DashboardListener;
import org.bidizoo.ui.listener.HiddenTsneListener;
import org.bidizoo.ui.listener.InversionListener;
import org.bidizoo.ui.listener.LocalLossListener;
import org.bidizoo.ui.listener.ReconstructionListener;
import org.bidizoo.ui.stats.WeightNamesRouter;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.bidizoo.zoo.analysis.tsne.Tsne;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The listeners a dashboard needs for one graph: DL4J's {@link StatsListener} (for DL4J's own pages),
 * the reconstruction gallery (when the graph reconstructs), the hidden-layer t-SNE and the per-output
 * losses, all posting to one router under one session ID.
 */
public final class DashboardListeners {
    private static final int DEFAULT_HIDDEN_LAYERS = 3;

    private DashboardListeners() {
    }

    /**
     * @param config    intervals, layers and sizes
     * @param router    where records go
     * @param sessionId the session ID
     * @param graph     the graph to watch
     * @param sample    the fixed data to show
     * @param inference how the gallery and t-SNE read the graph, e.g. {@code BidizooModel::inferenceGraph}
     *                  (an Associated Learning training graph takes features and labels, its prediction graph
     *                  features only); the losses and DL4J's stats read the trained graph itself
     * @return the listeners, to add with {@code graph.addListeners(...)}
     * @throws IllegalArgumentException if a configured layer is not in the graph (the message lists its names)
     */
    public static List<TrainingListener> create(DashboardConfig config, StatsStorageRouter router, String sessionId,
                                                ComputationGraph graph, DashboardSample sample,
                                                UnaryOperator<ComputationGraph> inference) {
        return create(config, router, sessionId, graph, sample, inference, null);
    }

    /**
     * {@link #create(DashboardConfig, StatsStorageRouter, String, ComputationGraph, DashboardSample, UnaryOperator)}
     * for a model that reconstructs by a computation of its own when its graph has no reconstruction output.
     *
     * @param reconstruction (trained graph, inputs) → reconstructions, or null; used only when the graph has no
     *                       reconstruction output and no {@code reconstructionVertex} is configured, and only if it
     *                       gives one for the gallery
     * @return the listeners, to add with {@code graph.addListeners(...)}
     */
    public static List<TrainingListener> create(DashboardConfig config, StatsStorageRouter router, String sessionId,
                                                ComputationGraph graph, DashboardSample sample,
                                                UnaryOperator<ComputationGraph> inference,
                                                BiFunction<ComputationGraph, INDArray, INDArray> reconstruction) {
        UnaryOperator<ComputationGraph> view = perIteration(inference);
        ComputationGraph seen = view.apply(graph);
        List<String> layers = config.layers().isEmpty() ? defaultLayers(seen) : config.layers();
        LayerActivations.requireKnown(seen, layers);
        List<TrainingListener> out = new ArrayList<>();
        out.add(new StatsListener(new WeightNamesRouter(router, graph), config.lossEvery(), sessionId));
        String vertex = config.reconstructionVertex();
        if (vertex != null) {
            LayerActivations.requireKnown(seen, List.of(vertex));
        }
        String noReconstruction = vertex != null ? null : whyNoReconstruction(seen, sample.gallery());
        if (noReconstruction != null && reconstruction != null
                && reconstruction.apply(graph, sample.gallery()) != null) {
            out.add(new ComputedReconstructionListener(router, sessionId, sample.gallery(), sample.channels(),
                    sample.height(), sample.width(), config.reconstructionEvery(), "model", reconstruction));
        } else if (noReconstruction != null) {
            DashboardListener.announce(router, sessionId, RecordTypes.RECONSTRUCTIONS,
                    Json.write(Map.of("unavailable", noReconstruction)));
        } else {
            ReconstructionListener.Builder b = ReconstructionListener.builder(router, sessionId)
                    .images(sample.gallery(), sample.channels(), sample.height(), sample.width())
                    .every(config.reconstructionEvery()).vertex(vertex);
            if (config.occlusion() && sample.occluded() != null) {
                b.occluded(sample.occluded(), sample.occludedMask());
            }
            out.add(b.build().through(view));
        }
        String inverted = InversionListener.defaultLayer(seen);
        if (inverted != null) {
            out.add(new InversionListener(router, sessionId, sample.gallery(), sample.channels(), sample.height(),
                    sample.width(), inverted, config.reconstructionEvery()).through(view));
        } else {
            DashboardListener.announce(router, sessionId, RecordTypes.INVERSION, Json.write(Map.of("unavailable",
                    "This model has no dense or output layer among its outputs " + seen.getConfiguration()
                    .getNetworkOutputs() + " to invert (J(x)ᵀ f(x) needs f = its pre-activation).")));
        }
        int n = (int) Math.min(config.sampleSize(), sample.tsneFeatures().size(0));
        Tsne tsne = Tsne.builder().perplexity(Math.min(config.perplexity(), (n - 1) / 3.0))
                .iterations(config.tsneIterations()).build();
        out.add(new HiddenTsneListener(router, sessionId, first(sample.tsneFeatures(), n),
                first(sample.tsneLabels(), n), sample.classNames(), layers, tsne, config.tsneEvery())
                .through(view));
        out.add(new LocalLossListener(router, sessionId, config.lossEvery()));
        for (TrainingListener l : out) {
            if (l instanceof DashboardListener d) {
                d.announce();
            }
        }
        return out;
    }

    /**
     * @param graph a graph
     * @return its first input and up to three hidden vertices nearest the outputs (not output layers)
     */
    public static List<String> defaultLayers(ComputationGraph graph) {
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        List<String> hidden = new ArrayList<>();
        for (String name : LayerActivations.names(graph)) {
            if (inputs.contains(name)) {
                continue;
            }
            var v = graph.getConfiguration().getVertices().get(name);
            boolean outputLayer = v instanceof LayerVertex lv
                    && (lv.getLayerConf().getLayer() instanceof BaseOutputLayer
                    || lv.getLayerConf().getLayer() instanceof LossLayer);
            if (!outputLayer) {
                hidden.add(name);
            }
        }
        List<String> layers = new ArrayList<>();
        layers.add(inputs.get(0));
        layers.addAll(hidden.subList(Math.max(0, hidden.size() - DEFAULT_HIDDEN_LAYERS), hidden.size()));
        return layers;
    }

    /**
     * @param inference a view of the trained graph (may build a new graph, like an AL prediction graph)
     * @return the same view, built once per training iteration and shared by the listeners that ask for it then
     */
    static UnaryOperator<ComputationGraph> perIteration(UnaryOperator<ComputationGraph> inference) {
        Object[] last = new Object[3];
        return g -> {
            synchronized (last) {
                if (last[0] != g || !Integer.valueOf(g.getIterationCount()).equals(last[1])) {
                    last[0] = g;
                    last[1] = g.getIterationCount();
                    last[2] = inference.apply(g);
                }
                return (ComputationGraph) last[2];
            }
        };
    }

    /** @return null if the graph has an output of the input's size, else why it has no reconstruction */
    private static String whyNoReconstruction(ComputationGraph graph, INDArray gallery) {
        try {
            ReconstructionListener.defaultVertex(graph, gallery);
            return null;
        } catch (IllegalArgumentException e) {
            return "This model has no reconstruction: " + e.getMessage() + " (\"reconstructionVertex\" in the"
                    + " ui-config file).";
        }
    }

    private static INDArray first(INDArray x, int n) {
        return x.size(0) == n ? x : x.get(NDArrayIndex.interval(0, n)).dup();
    }
}
