package org.bidizoo.ui.stats;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Passes DL4J's {@code StatsListener} reports on, adding each weight of ours under a name DL4J's overview
 * page recognises.
 *
 * <p>DL4J M2.1's {@code TrainModule} draws "Update:Parameter Ratios" and the gradient and update standard
 * deviations only for parameters whose name ends in {@code w} or {@code W} (its "weights only" test). DL4J's
 * own layers call their weights {@code W}; our layers number theirs ({@code lmser_W0}, {@code lmser_W1}, …,
 * one per level), so those charts stayed empty for them. Every parameter of the graph that is a weight
 * (a matrix or filter, not a vector) and whose name does not end in {@code W} is also reported as
 * {@code NAME_W} (e.g. {@code lmser_W0_W}), with the same values; the original names stay.
 */
public final class WeightNamesRouter implements StatsStorageRouter {
    /** Appended to a weight's name. */
    public static final String SUFFIX = "_W";
    private static final List<StatsType> TYPES = List.of(StatsType.Parameters, StatsType.Gradients,
            StatsType.Updates);

    private final StatsStorageRouter router;
    private final Map<String, String> aliases;

    /**
     * @param router where the reports go
     * @param graph  the graph whose weights are aliased
     */
    public WeightNamesRouter(StatsStorageRouter router, ComputationGraph graph) {
        this.router = router;
        this.aliases = aliases(graph);
    }

    /**
     * @param graph a graph
     * @return its weights (parameters that are not vectors) whose names do not end in {@code w}/{@code W},
     *         each with its alias
     */
    public static Map<String, String> aliases(ComputationGraph graph) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, INDArray> params = graph.paramTable();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray p = e.getValue();
            long longest = 0;
            for (long d : p.shape()) {
                longest = Math.max(longest, d);
            }
            String alias = e.getKey() + SUFFIX;
            if (p.length() > longest && !e.getKey().toLowerCase().endsWith("w") && !params.containsKey(alias)) {
                out.put(e.getKey(), alias);
            }
        }
        return out;
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        router.putStorageMetaData(storageMetaData);
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        router.putStorageMetaData(storageMetaData);
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        router.putStaticInfo(staticInfo);
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        router.putStaticInfo(staticInfo);
    }

    @Override
    public void putUpdate(Persistable update) {
        router.putUpdate(withAliases(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        router.putUpdate(updates.stream().map(this::withAliases).toList());
    }

    private Persistable withAliases(Persistable p) {
        if (p instanceof StatsReport r && !aliases.isEmpty()) {
            for (StatsType t : TYPES) {
                alias(t, r::getMean, r::reportMean);
                alias(t, r::getStdev, r::reportStdev);
                alias(t, r::getMeanMagnitudes, r::reportMeanMagnitudes);
                alias(t, r::getHistograms, r::reportHistograms);
            }
        }
        return p;
    }

    private <V> void alias(StatsType type, Function<StatsType, Map<String, V>> get,
                           BiConsumer<StatsType, Map<String, V>> set) {
        Map<String, V> values = get.apply(type);
        if (values == null) {
            return;
        }
        Map<String, V> out = new LinkedHashMap<>(values);
        aliases.forEach((name, alias) -> {
            if (values.containsKey(name)) {
                out.put(alias, values.get(name));
            }
        });
        set.accept(type, out);
    }
}
