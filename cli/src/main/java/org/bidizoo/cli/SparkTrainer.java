package org.bidizoo.cli;

import java.util.Iterator;
import java.util.ServiceLoader;

import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How {@code train --spark} hands its run to the bidizoo-spark module without the CLI depending on Spark: that module
 * registers an implementation in {@code META-INF/services}; the launcher puts it (and Spark) on the classpath only for
 * {@code --spark}, so other commands run exactly as before.
 */
public interface SparkTrainer {
    /**
     * What to train.
     *
     * @param model              the zoo model
     * @param graph              its graph, trained in place
     * @param data               verified splits
     * @param iterations         minibatches in the whole run, all workers together
     * @param batch              examples per minibatch (per worker)
     * @param seed               seed of the minibatch stream
     * @param master             Spark master URL
     * @param workers            parallel model copies, or null for the default
     * @param averagingFrequency minibatches per worker between averaging rounds (with gradient sharing: per Spark
     *                           job), or null for the default
     * @param gradientSharing    DL4J's gradient sharing instead of parameter averaging
     * @param threshold          gradient sharing's initial encoding threshold, or null for the default
     * @param sharingPort        gradient sharing's UDP port, or null for the default
     * @param alPipeline         Associated Learning's blocks pipelined across Spark tasks instead
     * @param chunk              the pipeline's minibatches per Spark job, or null for the default
     */
    record Request(BidizooModel model, ComputationGraph graph, DataSplits data, int iterations, int batch, long seed,
                   String master, Integer workers, Integer averagingFrequency, boolean gradientSharing,
                   Double threshold, Integer sharingPort, boolean alPipeline, Integer chunk) {
    }

    /**
     * @param r what to train
     * @return how it went
     */
    TrainingRun.Outcome train(Request r);

    /**
     * @return the implementation on the classpath
     * @throws IllegalArgumentException if bidizoo-spark is not on the classpath (says how to get it)
     */
    static SparkTrainer find() {
        Iterator<SparkTrainer> it = ServiceLoader.load(SparkTrainer.class).iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("--spark needs the bidizoo-spark module on the classpath: run through"
                    + " ./bidizoo (it adds it for --spark) or spark-submit the jar 'mvn -Pspark package' builds");
        }
        return it.next();
    }
}
