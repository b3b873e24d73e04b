package org.bidizoo.layers.runtime;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small GEMMs straight into the OpenBLAS library that the CPU backend already loads ({@code cblas_sgemm} /
 * {@code cblas_dgemm} through JavaCPP), bypassing libnd4j's custom-op path.
 *
 * <p>Why: measured on the 2-vCPU benchmark machine, one {@code Nd4j.gemm} costs 13–45 µs before any
 * arithmetic (op context, shape buffers, JavaCPP's memory accounting), whatever the size — a
 * {@code [50,100]·[100,10]} product took 31 µs through libnd4j and 2.3 µs here. For large products libnd4j's
 * own kernel is about twice as fast as OpenBLAS on this CPU, so {@link Gemm} sends only products of at
 * most {@link Gemm#directMaxMacs()} multiply-adds here.
 *
 * <p>Unavailable (and never used) off the CPU backend or when the OpenBLAS natives cannot be loaded.
 */
final class DirectBlas {
    private static final Logger LOG = LoggerFactory.getLogger(DirectBlas.class);

    /** Whether the OpenBLAS natives loaded. */
    static final boolean AVAILABLE = load();

    private DirectBlas() {
    }

    private static boolean load() {
        if (!HostMemory.AVAILABLE) {
            return false;
        }
        try {
            Loader.load(openblas_nolapack.class);
            return true;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: use libnd4j's path
            LOG.info("OpenBLAS is not loadable here ({}); every GEMM goes through libnd4j", t.toString());
            return false;
        }
    }

    /** @return the threads of OpenBLAS's pool (what {@code openblas_set_num_threads} last set) */
    static int threads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /**
     * {@code c = op(a)·op(b) + beta·c} on contiguous c-order host arrays of one data type (float or double).
     *
     * @param a    {@code [m, k]}, or {@code [k, m]} when transA
     * @param b    {@code [k, n]}, or {@code [n, k]} when transB
     * @param c    {@code [m, n]}
     * @param beta 0 to overwrite c, 1 to accumulate
     */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double beta) {
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        int lda = (int) a.size(1);
        int ldb = (int) b.size(1);
        int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1f, floats(a), lda,
                    floats(b), ldb, (float) beta, floats(c), n);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1.0, doubles(a), lda,
                    doubles(b), ldb, beta, doubles(c), n);
        }
    }

    /**
     * Row-major {@code c = op(a)·op(b) + beta·c} on raw float addresses ({@code m×k}·{@code k×n}).
     *
     * @param a   address of a ({@code [m, k]}, or {@code [k, m]} when transA), leading dimension lda
     * @param b   address of b ({@code [k, n]}, or {@code [n, k]} when transB), leading dimension ldb
     * @param c   address of c {@code [m, n]}, leading dimension ldc
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, long a, int lda, long b, int ldb, float beta,
                      long c, int ldc) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, 1f,
                new FloatPointer(at(a)), lda, new FloatPointer(at(b)), ldb, beta, new FloatPointer(at(c)), ldc);
    }

    private static FloatPointer floats(INDArray a) {
        return new FloatPointer(at(a));
    }

    private static DoublePointer doubles(INDArray a) {
        return new DoublePointer(at(a));
    }

    /** A pointer (no memory of its own) at the array's first element: the buffer's address plus a view's offset. */
    private static Pointer at(INDArray a) {
        return at(HostMemory.address(a));
    }

    /** A pointer (no memory of its own) at a raw address. */
    private static Pointer at(long first) { // not named "address": that is Pointer's field inside the class below
        return new Pointer() {
            {
                address = first;
            }
        };
    }
}
