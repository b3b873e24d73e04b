package org.bidizoo.layers.runtime;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The one call an application makes to set how many threads ND4J's native code uses: libnd4j's
 * OpenMP pool (element-wise ops, convolutions) and the BLAS library's pool (GEMMs) together, so that
 * the two do not compete for the same cores. Without it ND4J starts with one thread per core in each
 * pool; {@code OMP_NUM_THREADS} in the environment sets both too, before the JVM starts.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /**
     * @param threads threads of each native pool, {@code >= 1}
     * @throws IllegalArgumentException if threads is below 1
     */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ", expected >= 1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** @return libnd4j's current thread count */
    public static int current() {
        return Nd4j.getEnvironment().maxThreads();
    }
}
