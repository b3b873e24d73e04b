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
 * <p>Inside a {@link NativeTeam} scope, products through libnd4j run on the whole OpenMP team only from
 * {@link NativeTeam#parallelMinMacs()} multiply-adds on, and on one thread below.
 *
 * <p>The threshold is the system property {@value #THRESHOLD_PROPERTY} (multiply-adds; 0 sends every product
 * through libnd4j); without it, it depends on OpenBLAS's pool ({@link #directMaxMacs()}).
 */
public final class Gemm {
    /** System property: the largest product, in multiply-adds, computed by OpenBLAS directly. */
    public static final String THRESHOLD_PROPERTY = "bidizoo.gemm.directMaxMacs";
    /**
     * Default threshold. Where the two paths cross on the benchmark machine: libnd4j's fixed cost (~30 µs)
     * equals what its faster kernel saves at about 2 M multiply-adds ([50,300]·[300,100] is 1.5 M).
     */
    public static final long DEFAULT_DIRECT_MAX_MACS = 1L << 21;

    /**
     * The largest product OpenBLAS 0.3.19 computes on one thread whatever its pool's size ({@code m·n·k} up to
     * {@code SMP_THRESHOLD_MIN · GEMM_MULTITHREAD_THRESHOLD} = 65,536 · 4). When its pool has more than one
     * thread, only products up to this size are sent to it: a larger one wakes OpenBLAS's workers, which then
     * spin on the cores that libnd4j's team needs (measured: {@code lmser-dense} inference at batch 500 on two
     * threads 30,000–40,000 samples/s with the 2^21 threshold, 69,000–82,000 with this one).
     */
    public static final long OPENBLAS_SINGLE_THREAD_MACS = 1L << 18;

    private static final Long DIRECT_MAX_MACS = Long.getLong(THRESHOLD_PROPERTY);

    private Gemm() {
    }

    /**
     * @return the largest product (multiply-adds) sent to OpenBLAS directly: the system property when set,
     *         else {@link #DEFAULT_DIRECT_MAX_MACS} while OpenBLAS's pool has one thread and
     *         {@link #OPENBLAS_SINGLE_THREAD_MACS} while it has more; 0 if the direct path is off or unavailable
     */
    public static long directMaxMacs() {
        if (!DirectBlas.AVAILABLE) {
            return 0;
        }
        if (DIRECT_MAX_MACS != null) {
            return Math.max(0, DIRECT_MAX_MACS);
        }
        return DirectBlas.threads() > 1 ? OPENBLAS_SINGLE_THREAD_MACS : DEFAULT_DIRECT_MAX_MACS;
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
        long macs = c.size(0) * c.size(1) * (transA ? a.size(0) : a.size(1));
        if (direct(a, b, c, macs)) {
            DirectBlas.gemm(a, b, c, transA, transB, accumulate ? 1.0 : 0.0);
            return c;
        }
        return NativeTeam.run(macs, () -> Nd4j.gemm(a, b, c, transA, transB, 1.0, accumulate ? 1.0 : 0.0));
    }

    private static boolean direct(INDArray a, INDArray b, INDArray c, long macs) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            return false;
        }
        return macs <= directMaxMacs() && a.dataType() == c.dataType() && b.dataType() == c.dataType()
                && HostMemory.supports(a) && HostMemory.supports(b) && HostMemory.supports(c);
    }
}
