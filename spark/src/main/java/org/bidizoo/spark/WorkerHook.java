package org.bidizoo.spark;

import java.io.IOException;
import java.io.ObjectOutputStream;

import org.bidizoo.layers.updater.RegularizationFreeBlocks;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Gives each worker's model copy what the driver's graph has, before its first minibatch:
 * <ul>
 * <li>the iteration and epoch counts. DL4J (1.0.0-M2.1) builds the copy from {@code configuration.clone()}, which
 * drops both, so without this every worker restarts Adam's bias correction (and iteration schedules such as the
 * learning-rate decay) at iteration 0 in every averaging round: one worker averaging after each minibatch drifted
 * from plain {@code fit} by 0.5% of the largest parameter within 3 steps. The counts are read from the driver's
 * graph when Spark serializes the task, i.e. at the start of each round.</li>
 * <li>{@link RegularizationFreeBlocks}, as {@code BidizooModel.init()} installs them (speed only; no number
 * changes).</li>
 * </ul>
 */
final class WorkerHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    private final transient ComputationGraph driver;
    private int iteration;
    private int epoch;

    /** @param driver the driver's graph, whose counts each round starts from */
    WorkerHook(ComputationGraph driver) {
        this.driver = driver;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (driver != null) {
            iteration = driver.getConfiguration().getIterationCount();
            epoch = driver.getConfiguration().getEpochCount();
        }
        out.defaultWriteObject();
    }

    private void prepare(Model model) {
        if (model instanceof ComputationGraph g) {
            ComputationGraphConfiguration c = g.getConfiguration();
            if (c.getIterationCount() < iteration) { // a fresh copy (after its first step it is past the round's start)
                c.setIterationCount(iteration);
                c.setEpochCount(epoch);
            }
        }
        RegularizationFreeBlocks.install(model);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        prepare(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        prepare(model);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }
}
