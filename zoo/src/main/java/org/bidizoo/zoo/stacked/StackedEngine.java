package org.bidizoo.zoo.stacked;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How a stacked autoencoder zoo model ({@code stacked-ae}, {@code stacked-dae}: {@link AutoencoderModel#stacked()})
 * is trained by {@link TrainingRun} and {@code bidizoo train}: greedily, level by level
 * ({@link StackedAutoencoder}), the run's minibatches split evenly between the levels, and the trained levels written
 * into the run's graph of the unrolled stack, which is then evaluated and saved as any autoencoder's.
 *
 * <pre>{@code
 * BidizooModel m = ZooRegistry.create("stacked-ae");
 * TrainingRun.Result r = TrainingRun.builder(m, DataSplits.load("mnist")).iterations(10_000)
 *         .engine(StackedEngine.INSTANCE).build().run();   // 5,000 minibatches per level
 * }</pre>
 */
public final class StackedEngine implements TrainingRun.Engine {
    /** The engine (it keeps no state). */
    public static final StackedEngine INSTANCE = new StackedEngine();

    private StackedEngine() {
    }

    /**
     * @param model a zoo model
     * @return this engine for a stacked autoencoder, else null (the model trains with DL4J's {@code fit})
     */
    public static TrainingRun.Engine forModel(BidizooModel model) {
        return model instanceof AutoencoderModel ae && ae.stacked() ? INSTANCE : null;
    }

    /** @return {@code greedy}: {@code train --json} reports the levels and minibatches per level under it */
    @Override
    public String reportKey() {
        return "greedy";
    }

    /**
     * @throws IllegalArgumentException if the model is not a stacked autoencoder or there are fewer iterations than
     *                                  levels
     */
    @Override
    public TrainingRun.Outcome train(BidizooModel model, ComputationGraph graph, DataSplits data, int iterations,
                                     int batch, long seed) {
        if (!(model instanceof AutoencoderModel ae) || !ae.stacked()) {
            throw new IllegalArgumentException("model " + model.name() + " is not a stacked autoencoder; the greedy"
                    + " engine trains stacked-ae, stacked-dae");
        }
        int[] levels = ae.hidden();
        if (iterations < levels.length) {
            throw new IllegalArgumentException("iterations = " + iterations + ", expected at least one per level ("
                    + levels.length + ")");
        }
        int perLevel = iterations / levels.length;
        long t0 = System.nanoTime();
        new StackedAutoencoder(levels, perLevel, batch, ae.settings().toBuilder().seed(seed).build(),
                ae.corruption()).pretrainInto(data, graph);
        graph.getConfiguration().setIterationCount(perLevel * levels.length);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("levels", levels);
        settings.put("iterations_per_level", perLevel);
        return new TrainingRun.Outcome((System.nanoTime() - t0) / 1e9, settings);
    }
}
