package org.bidizoo.cli;

import org.bidizoo.zoo.train.TrainingRun;

import picocli.CommandLine.Option;

/** Options of {@code train} that run it on Apache Spark (module bidizoo-spark, found through {@link SparkTrainer}). */
public final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Apache Spark with DL4J's parameter"
            + " averaging: local[N], spark://HOST:PORT, yarn or k8s://URL (./bidizoo adds the bidizoo-spark module;"
            + " on a cluster, spark-submit the jar of 'mvn -Pspark package').")
    String master;

    @Option(names = "--workers", description = "With --spark: parallel model copies (default: N of local[N], else 2).")
    Integer workers;

    @Option(names = "--averaging-frequency", paramLabel = "F", description = "With --spark: minibatches each worker"
            + " fits between two parameter averaging rounds (default: 5).")
    Integer averagingFrequency;

    /** @return the engine that trains on Spark, or null without --spark (the local loop trains) */
    TrainingRun.Engine engine() {
        return !on() ? null : (m, g, data, iterations, batch, seed) -> SparkTrainer.find().train(
                new SparkTrainer.Request(m, g, data, iterations, batch, seed, master, workers, averagingFrequency));
    }

    /** @return whether --spark was given */
    boolean on() {
        return master != null;
    }

    /**
     * @param checkpoints whether the checkpoint interval was given
     * @throws IllegalArgumentException if --workers or --averaging-frequency come without --spark, or are below 1, or
     *                                  --spark comes with a checkpoint interval
     */
    void validate(boolean checkpoints) {
        if (on() && checkpoints) {
            throw new IllegalArgumentException("--spark trains on the cluster without checkpoints (model.zip is written"
                    + " at the end); drop --checkpoint-every/--checkpoint-minutes");
        }
        if (!on() && (workers != null || averagingFrequency != null)) {
            throw new IllegalArgumentException((workers != null ? "--workers" : "--averaging-frequency") + " sets how"
                    + " training runs on Spark, so it needs --spark MASTER");
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers = " + workers + ", expected >= 1");
        }
        if (averagingFrequency != null && averagingFrequency < 1) {
            throw new IllegalArgumentException("--averaging-frequency = " + averagingFrequency + ", expected >= 1");
        }
    }
}
