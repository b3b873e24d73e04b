package org.bidizoo.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model trains on Spark: the master, the number of workers (parallel model copies), how many minibatches each
 * worker fits per round, and its minibatch size. One round therefore consumes {@code workers * averagingFrequency}
 * minibatches of {@code batchPerWorker} examples. The training master is DL4J's parameter averaging (a round ends
 * with the driver averaging parameters and updater state) or, with {@link Builder#gradientSharing}, DL4J's gradient
 * sharing ({@code SharedTrainingMaster}: after every minibatch each worker sends its update, quantized at an adaptive
 * threshold, to the others over Aeron; a round is then one Spark job, at whose start the driver's model is sent
 * out).
 */
public final class SparkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Gradient sharing's default initial threshold (DL4J's). */
    public static final double DEFAULT_THRESHOLD = 1e-3;
    /** Gradient sharing's default UDP port. */
    public static final int DEFAULT_SHARING_PORT = 40123;

    private final String master;
    private final int workers;
    private final int averagingFrequency;
    private final int batchPerWorker;
    private final long seed;
    private final boolean kryo;
    private final boolean gradientSharing;
    private final double threshold;
    private final int sharingPort;
    private final String controllerAddress;

    private SparkSettings(Builder b) {
        this.master = b.master;
        this.workers = b.workers;
        this.averagingFrequency = b.averagingFrequency;
        this.batchPerWorker = b.batchPerWorker;
        this.seed = b.seed;
        this.kryo = b.kryo;
        this.gradientSharing = b.gradientSharing;
        this.threshold = b.threshold;
        this.sharingPort = b.sharingPort;
        this.controllerAddress = b.controllerAddress;
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

    /** @return whether DL4J's gradient sharing trains instead of parameter averaging */
    public boolean gradientSharing() {
        return gradientSharing;
    }

    /** @return gradient sharing: the initial threshold of DL4J's adaptive threshold encoding of the updates */
    public double threshold() {
        return threshold;
    }

    /** @return gradient sharing: the UDP port of the workers' Aeron transport */
    public int sharingPort() {
        return sharingPort;
    }

    /**
     * @return gradient sharing: the address the workers reach the driver's parameter server at, or null for Spark's
     *         {@code spark.driver.host}
     */
    public String controllerAddress() {
        return controllerAddress;
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
        if (gradientSharing) {
            r.put("training_master", "SharedTrainingMaster");
            r.put("threshold", threshold);
            r.put("sharing_port", sharingPort);
        } else {
            r.put("training_master", "ParameterAveragingTrainingMaster");
        }
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
        private boolean gradientSharing;
        private double threshold = DEFAULT_THRESHOLD;
        private int sharingPort = DEFAULT_SHARING_PORT;
        private String controllerAddress;

        private Builder() {
        }

        /**
         * @param on DL4J's gradient sharing ({@code SharedTrainingMaster}) instead of parameter averaging
         * @return this
         */
        public Builder gradientSharing(boolean on) {
            this.gradientSharing = on;
            return this;
        }

        /** @param t gradient sharing: initial threshold of the update encoding, in (0, 1) @return this */
        public Builder threshold(double t) {
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException("threshold = " + t + ", expected a value in (0, 1) (the initial"
                        + " threshold of the gradient-sharing update encoding; DL4J's default is 1e-3)");
            }
            this.threshold = t;
            return this;
        }

        /** @param port gradient sharing: UDP port of the Aeron transport, 1024..65535 @return this */
        public Builder sharingPort(int port) {
            if (port < 1024 || port > 65535) {
                throw new IllegalArgumentException("sharingPort = " + port + ", expected a UDP port in 1024..65535");
            }
            this.sharingPort = port;
            return this;
        }

        /**
         * @param address gradient sharing: the driver's address as the workers reach it (default: Spark's
         *                {@code spark.driver.host})
         * @return this
         */
        public Builder controllerAddress(String address) {
            if (address != null && address.isBlank()) {
                throw new IllegalArgumentException("controllerAddress = '" + address + "', expected a host name or IP"
                        + " address, or null for spark.driver.host");
            }
            this.controllerAddress = address;
            return this;
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

        /**
         * @return the settings
         * @throws IllegalArgumentException if a gradient-sharing setting was changed without gradient sharing
         */
        public SparkSettings build() {
            if (!gradientSharing && (threshold != DEFAULT_THRESHOLD || sharingPort != DEFAULT_SHARING_PORT
                    || controllerAddress != null)) {
                throw new IllegalArgumentException("threshold, sharingPort and controllerAddress set gradient sharing,"
                        + " so they need gradientSharing(true)");
            }
            return new SparkSettings(this);
        }
    }
}
