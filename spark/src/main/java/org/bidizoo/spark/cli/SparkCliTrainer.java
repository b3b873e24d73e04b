package org.bidizoo.spark.cli;

import org.bidizoo.cli.SparkTrainer;
import org.bidizoo.zoo.train.TrainingRun;
import org.bidizoo.spark.MasterUrls;
import org.bidizoo.spark.SparkSettings;
import org.bidizoo.spark.SparkTrainJob;

/**
 * {@code bidizoo train MODEL --spark MASTER}: the CLI's {@link SparkTrainer}, registered in {@code META-INF/services}.
 * Default workers: N of {@code local[N]}, else 2; default averaging frequency 5.
 */
public final class SparkCliTrainer implements SparkTrainer {
    /** Averaging frequency when none is given. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;
    /** Minibatches per Spark job of the AL pipeline when none is given. */
    public static final int DEFAULT_CHUNK = 50;

    @Override
    public TrainingRun.Outcome train(Request r) {
        String master = MasterUrls.check(r.master());
        if (r.alPipeline()) {
            SparkSettings s = SparkSettings.builder().master(master).batchPerWorker(r.batch()).seed(r.seed()).build();
            SparkTrainJob.Outcome o = SparkTrainJob.runPipelined(r.model(), r.graph(), r.data(), r.iterations(),
                    r.seed(), s, r.chunk() != null ? r.chunk() : DEFAULT_CHUNK, true);
            return new TrainingRun.Outcome(o.seconds(), o.settings());
        }
        int threads = MasterUrls.localThreads(master);
        SparkSettings.Builder b = SparkSettings.builder().master(master)
                .workers(r.workers() != null ? r.workers() : threads > 0 ? threads : 2)
                .averagingFrequency(r.averagingFrequency() != null ? r.averagingFrequency()
                        : DEFAULT_AVERAGING_FREQUENCY)
                .batchPerWorker(r.batch()).seed(r.seed()).gradientSharing(r.gradientSharing());
        if (r.threshold() != null) {
            b.threshold(r.threshold());
        }
        if (r.sharingPort() != null) {
            b.sharingPort(r.sharingPort());
        }
        SparkSettings s = b.build();
        SparkTrainJob.Outcome o = SparkTrainJob.run(r.model(), r.graph(), r.data(), r.iterations(), r.seed(), s, true);
        return new TrainingRun.Outcome(o.seconds(), o.settings());
    }
}
