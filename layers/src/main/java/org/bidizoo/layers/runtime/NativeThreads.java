package org.bidizoo.layers.runtime;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The one call an application makes to set how many threads ND4J's native code uses: OpenMP's team
 * size (libnd4j's OpenMP loops, oneDNN), libnd4j's own pool's limit for element-wise loops, and the
 * BLAS library's pool (GEMMs), together, so that they do not compete for the same cores. Without it
 * ND4J starts with one thread per core in each; {@code OMP_NUM_THREADS} in the environment sets them
 * too, before the JVM starts.
 *
 * <p>Call it from the thread that trains: OpenMP's team size is a setting of the calling thread.
 * libnd4j 1.0.0-M2.1 ignores {@code Environment.setMaxThreads} (its body is commented out), so the
 * OpenMP call is what takes effect.
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
        Nd4j.getEnvironment().setMaxThreads(threads); // first: loads the backend that NativeOpsHolder needs
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** @return OpenMP's team size for the calling thread (what {@link #set} sets) */
    public static int current() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
