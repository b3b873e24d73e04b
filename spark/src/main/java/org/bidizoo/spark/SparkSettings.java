package org.bidizoo.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model trains on Spark with DL4J's parameter averaging: the master, the number of workers (parallel model
 * copies), how many minibatches each worker fits between two averaging rounds, and its minibatch size. One round
 * therefore consumes {@code workers * averagingFrequency} minibatches of {@code batchPerWorker} examples.
 */
public final class SparkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String master;
    private final int workers;
    private final int averagingFrequency;
    private final int batchPerWorker;
    private final long seed;
    private final boolean kryo;

    private SparkSettings(Builder b) {
        this.master = b.master;
        this.workers = b.workers;
        this.averagingFrequency = b.averagingFrequency;
        this.batchPerWorker = b.batchPerWorker;
        this.seed = b.seed;
        this.kryo = b.kryo;
    }

    /** @return a builder: master {@code local[2]}, 2 workers, averaging every 5 minibatches, batch 50, Kryo on */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the master URL (checked by {@link MasterUrls}) */
    public String master() {
        return master;
    }

    /** @return parallel model copies, {@code >= 1} */
    public int workers() {
        return workers;
    }

    /** @return minibatches each worker fits between averaging rounds, {@code >= 1} */
    public int averagingFrequency() {
        return averagingFrequency;
    }

    /** @return examples per minibatch on each worker, {@code >= 1} */
    public int batchPerWorker() {
        return batchPerWorker;
    }

    /** @return the seed of DL4J's split of the data across workers */
    public long seed() {
        return seed;
    }

    /** @return whether Spark serializes with Kryo (and ND4J's registrator) instead of Java serialization */
    public boolean kryo() {
        return kryo;
    }

    /** @return minibatches one averaging round consumes */
    public int minibatchesPerRound() {
        return workers * averagingFrequency;
    }

    /** @return these settings as JSON-ready fields */
    public Map<String, Object> toMap() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("master", master);
        r.put("workers", workers);
        r.put("averaging_frequency", averagingFrequency);
        r.put("batch_per_worker", batchPerWorker);
        r.put("training_master", "ParameterAveragingTrainingMaster");
        r.put("serializer", kryo ? "kryo" : "java");
        return r;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /** Builds and validates {@link SparkSettings}. */
    public static final class Builder {
        private String master = "local[2]";
        private int workers = 2;
        private int averagingFrequency = 5;
        private int batchPerWorker = 50;
        private long seed = 12345;
        private boolean kryo = true;

        private Builder() {
        }

        /** @param m master URL, e.g. {@code local[2]}, {@code spark://host:7077}, {@code yarn} @return this */
        public Builder master(String m) {
            this.master = MasterUrls.check(m);
            return this;
        }

        /** @param n parallel model copies, {@code >= 1} @return this */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers = " + n + ", expected >= 1");
            }
            this.workers = n;
            return this;
        }

        /** @param f minibatches per worker between averaging rounds, {@code >= 1} @return this */
        public Builder averagingFrequency(int f) {
            if (f < 1) {
                throw new IllegalArgumentException("averagingFrequency = " + f + ", expected >= 1");
            }
            this.averagingFrequency = f;
            return this;
        }

        /** @param b examples per minibatch, {@code >= 1} @return this */
        public Builder batchPerWorker(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("batchPerWorker = " + b + ", expected >= 1");
            }
            this.batchPerWorker = b;
            return this;
        }

        /** @param s seed of the data split across workers @return this */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @param on Kryo serialization (default) or Java serialization @return this */
        public Builder kryo(boolean on) {
            this.kryo = on;
            return this;
        }

        /** @return the settings */
        public SparkSettings build() {
            return new SparkSettings(this);
        }
    }
}
