package org.bidizoo.layers.runtime;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one GEMM entry point of the hand-written runtimes: {@code c = op(a)·op(b)} or {@code c += op(a)·op(b)}
 * into an existing array. Small products (at most {@link #directMaxMacs()} multiply-adds) of contiguous
 * c-order float or double host arrays go straight to OpenBLAS ({@link DirectBlas}), where a call costs about
 * 0.1 µs instead of libnd4j's 13–45 µs per op; larger ones, and everything else, go through
 * {@link Nd4j#gemm(INDArray, INDArray, INDArray, boolean, boolean, double, double)}, whose kernel is the
 * faster one for large sizes on this CPU. Both give the same result to float rounding (tested).
 *
 * <p>The threshold is the system property {@value #THRESHOLD_PROPERTY} (multiply-adds; 0 sends every product
 * through libnd4j).
 */
public final class Gemm {
    /** System property: the largest product, in multiply-adds, computed by OpenBLAS directly. */
    public static final String THRESHOLD_PROPERTY = "bidizoo.gemm.directMaxMacs";
    /**
     * Default threshold. Where the two paths cross on the benchmark machine: libnd4j's fixed cost (~30 µs)
     * equals what its faster kernel saves at about 2 M multiply-adds ([50,300]·[300,100] is 1.5 M).
     */
    public static final long DEFAULT_DIRECT_MAX_MACS = 1L << 21;

    private static final long DIRECT_MAX_MACS = Long.getLong(THRESHOLD_PROPERTY, DEFAULT_DIRECT_MAX_MACS);

    private Gemm() {
    }

    /** @return the largest product (multiply-adds) sent to OpenBLAS directly; 0 if the direct path is off or unavailable */
    public static long directMaxMacs() {
        return DirectBlas.AVAILABLE ? Math.max(0, DIRECT_MAX_MACS) : 0;
    }

    /**
     * @param a          {@code [m, k]}, or {@code [k, m]} when transA
     * @param b          {@code [k, n]}, or {@code [n, k]} when transB
     * @param c          {@code [m, n]}, the result
     * @param transA     transpose a
     * @param transB     transpose b
     * @param accumulate add to c instead of overwriting it
     * @return c
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB,
                                boolean accumulate) {
        if (direct(a, b, c, transA)) {
            DirectBlas.gemm(a, b, c, transA, transB, accumulate ? 1.0 : 0.0);
            return c;
        }
        return Nd4j.gemm(a, b, c, transA, transB, 1.0, accumulate ? 1.0 : 0.0);
    }

    private static boolean direct(INDArray a, INDArray b, INDArray c, boolean transA) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            return false;
        }
        long macs = c.size(0) * c.size(1) * (transA ? a.size(0) : a.size(1));
        return macs <= directMaxMacs() && a.dataType() == c.dataType() && b.dataType() == c.dataType()
                && HostMemory.supports(a) && HostMemory.supports(b) && HostMemory.supports(c);
    }
}
