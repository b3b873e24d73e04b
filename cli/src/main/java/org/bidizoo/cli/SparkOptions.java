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

    @Option(names = "--gradient-sharing", description = "With --spark: DL4J's gradient sharing (SharedTrainingMaster:"
            + " workers exchange threshold-encoded updates after every minibatch over Aeron, UDP) instead of parameter"
            + " averaging; --averaging-frequency is then the minibatches per worker in each Spark job.")
    boolean gradientSharing;

    @Option(names = "--threshold", description = "With --gradient-sharing: initial threshold of the adaptive update"
            + " encoding, in (0, 1) (default: 1e-3, DL4J's).")
    Double threshold;

    @Option(names = "--al-pipeline", description = "With --spark, for an Associated Learning model: pipeline its blocks"
            + " across Spark tasks (one block per task; no averaging, the result equals a local run) instead of a DL4J"
            + " training master.")
    boolean alPipeline;

    @Option(names = "--chunk", description = "With --al-pipeline: minibatches a block fits per Spark job (default: 50).")
    Integer chunk;

    @Option(names = "--sharing-port", description = "With --gradient-sharing: UDP port of the workers' Aeron transport"
            + " (default: 40123).")
    Integer sharingPort;

    /** @return the engine that trains on Spark, or null without --spark (the local loop trains) */
    TrainingRun.Engine engine() {
        return !on() ? null : (m, g, data, iterations, batch, seed) -> SparkTrainer.find().train(
                new SparkTrainer.Request(m, g, data, iterations, batch, seed, master, workers, averagingFrequency,
                        gradientSharing, threshold, sharingPort, alPipeline, chunk));
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
        if (!on() && gradientSharing) {
            throw new IllegalArgumentException("--gradient-sharing sets how training runs on Spark, so it needs --spark"
                    + " MASTER");
        }
        if (!gradientSharing && (threshold != null || sharingPort != null)) {
            throw new IllegalArgumentException((threshold != null ? "--threshold" : "--sharing-port") + " sets gradient"
                    + " sharing, so it needs --gradient-sharing");
        }
        if (!on() && alPipeline) {
            throw new IllegalArgumentException("--al-pipeline trains on Spark, so it needs --spark MASTER");
        }
        if (alPipeline && (gradientSharing || averagingFrequency != null || workers != null)) {
            throw new IllegalArgumentException("--al-pipeline runs one Spark task per block, with no training master:"
                    + " drop " + (gradientSharing ? "--gradient-sharing" : averagingFrequency != null
                    ? "--averaging-frequency" : "--workers"));
        }
        if (chunk != null && !alPipeline) {
            throw new IllegalArgumentException("--chunk sets the AL pipeline's Spark jobs, so it needs --al-pipeline");
        }
        if (chunk != null && chunk < 1) {
            throw new IllegalArgumentException("--chunk = " + chunk + ", expected >= 1 minibatches per Spark job");
        }
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold = " + threshold + ", expected a value in (0, 1)");
        }
        if (sharingPort != null && (sharingPort < 1024 || sharingPort > 65535)) {
            throw new IllegalArgumentException("--sharing-port = " + sharingPort + ", expected a UDP port in"
                    + " 1024..65535");
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers = " + workers + ", expected >= 1");
        }
        if (averagingFrequency != null && averagingFrequency < 1) {
            throw new IllegalArgumentException("--averaging-frequency = " + averagingFrequency + ", expected >= 1");
        }
    }
}
