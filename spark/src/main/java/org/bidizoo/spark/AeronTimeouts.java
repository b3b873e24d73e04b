package org.bidizoo.spark;

/**
 * Aeron's timeouts as DL4J's gradient sharing needs them. DL4J's transport sets a client liveness timeout of 30 s,
 * and the Aeron that ND4J 1.0.0-M2.1 brings (1.39) refuses to start a media driver whose publication-unblock timeout
 * (15 s by default) is not above it ({@code ConfigurationException: publicationUnblockTimeoutNs=15000000000 <=
 * clientLivenessTimeoutNs=30000000000}). The driver's JVM gets the system property here; executors on a cluster get
 * it from {@link #executorOption()} in {@code spark.executor.extraJavaOptions}.
 */
final class AeronTimeouts {
    /** Aeron's system property. */
    static final String PROPERTY = "aeron.publication.unblock.timeout";
    /** 60 s, in nanoseconds: above DL4J's 30 s client liveness timeout. */
    static final String VALUE = "60000000000";

    private AeronTimeouts() {
    }

    /** Sets the property in this JVM unless it is set already. */
    static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, VALUE);
        }
    }

    /** @return the JVM option that sets it on an executor */
    static String executorOption() {
        return "-D" + PROPERTY + "=" + VALUE;
    }
}
