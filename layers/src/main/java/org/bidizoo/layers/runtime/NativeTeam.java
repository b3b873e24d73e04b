package org.bidizoo.layers.runtime;

import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads the hand-written runtimes' native calls use: one, except for products large enough to
 * gain from the whole team the application chose (its {@code OMP_NUM_THREADS}, {@link NativeThreads#set},
 * or ND4J's default of one thread per core).
 *
 * <p>Why: libnd4j and oneDNN split every op over the calling thread's OpenMP team. On the 2-vCPU benchmark
 * machine a {@code [50,784]·[784,500]} product (19.6 M multiply-adds, the largest of a batch-50 Lmser step)
 * takes 255–290 µs on one thread and 220–275 µs on two, while waking the second thread for each of a step's
 * dozens of smaller ops costs more than that saves: {@code lmser-dense} trained at 13,000–16,000 samples/s
 * with a team of two and 18,000–20,000 with a team of one. Products from about 40 M multiply-adds on
 * ({@code [100,784]·[784,500]}: 455 → 285 µs; {@code [500,784]·[784,500]}: 2.08 → 1.09 ms) run almost twice
 * as fast on two threads, so they get the whole team.
 *
 * <p>A {@link DirectLayer} opens a {@link #narrow()} scope around each forward and backward pass; inside it
 * {@link Gemm} and {@link ConvKernels} run a product on the whole team when it has at least
 * {@link #parallelMinMacs()} multiply-adds ({@value #PARALLEL_MIN_MACS_PROPERTY}; 0 turns narrowing off and
 * every op runs on the whole team, as before). Outside a scope nothing changes. OpenMP's team size is a
 * setting of the calling thread, so concurrent trainers (the pipelined Associated Learning trainer) each
 * narrow only their own thread.
 *
 * <p><b>The one call for an application's own training loop.</b> The layers' own scopes leave DL4J's work
 * between them (the updater, the loss, the score) on the whole team. Opening one scope around the loop puts
 * that on one thread too; bidizoo's {@code TrainingLoop} does so:
 * <pre>{@code
 * try (NativeTeam.Scope team = NativeTeam.narrow()) {
 *     for (MultiDataSet batch : batches) {
 *         graph.fit(batch);
 *     }
 * }
 * }</pre>
 * Measured with {@code bidizoo bench lmser-dense} from a plain {@code java} command (ND4J's default of two
 * threads on the 2-vCPU machine, no {@code OMP_NUM_THREADS}): 10,700 samples/s without the scope,
 * 16,700–18,600 with it in single runs; 13,400 both ways in a two-round run beside the PyTorch peer, whose
 * spread between rounds was as large. Without {@code OMP_WAIT_POLICY=PASSIVE} in the environment idle OpenMP
 * workers spin after every op that did use the whole team.
 */
public final class NativeTeam {
    /** System property: the smallest product, in multiply-adds, run on the whole team; 0 disables narrowing. */
    public static final String PARALLEL_MIN_MACS_PROPERTY = "bidizoo.runtime.parallelMinMacs";
    /** Default of {@link #PARALLEL_MIN_MACS_PROPERTY}: 2^25 ≈ 33.6 M multiply-adds (see the class comment). */
    public static final long DEFAULT_PARALLEL_MIN_MACS = 1L << 25;

    /**
     * System property: the smallest array, in elements, whose memory-bound work (pooling, the runtime's
     * element-wise loops over it) runs on the whole team inside a scope; 0 keeps such work on one thread.
     */
    public static final String PARALLEL_MIN_ELEMENTS_PROPERTY = "bidizoo.runtime.parallelMinElements";
    /**
     * Default of {@link #PARALLEL_MIN_ELEMENTS_PROPERTY}: 2^20 floats (4 MiB), about a millisecond of one
     * core's memory traffic, against tens of microseconds to wake a second thread. Batch-50 CNN activations
     * such as {@code [50, 64, 24, 24]} (1.8 M) pass it; every dense Lmser array stays below it.
     */
    public static final long DEFAULT_PARALLEL_MIN_ELEMENTS = 1L << 20;

    private static final long PARALLEL_MIN_MACS = Long.getLong(PARALLEL_MIN_MACS_PROPERTY, DEFAULT_PARALLEL_MIN_MACS);
    private static final long PARALLEL_MIN_ELEMENTS = Long.getLong(PARALLEL_MIN_ELEMENTS_PROPERTY,
            DEFAULT_PARALLEL_MIN_ELEMENTS);
    /** Per thread: the team size to restore and to widen to; 0 outside every scope. */
    private static final ThreadLocal<int[]> TEAM = ThreadLocal.withInitial(() -> new int[1]);

    private NativeTeam() {
    }

    /** @return the smallest product (multiply-adds) run on the whole team inside a scope; 0 if narrowing is off */
    public static long parallelMinMacs() {
        return Math.max(0, PARALLEL_MIN_MACS);
    }

    /** @return the smallest array (elements) whose memory-bound work runs on the whole team; 0 if never */
    public static long parallelMinElements() {
        return Math.max(0, PARALLEL_MIN_ELEMENTS);
    }

    /**
     * Narrows the calling thread's OpenMP team to one thread until the returned scope is closed (nested scopes
     * leave it to the outermost). Does nothing when narrowing is off or the team already has one thread.
     *
     * @return the scope; close it on the same thread
     */
    public static Scope narrow() {
        int[] team = TEAM.get();
        if (team[0] != 0 || parallelMinMacs() == 0) {
            return Scope.NESTED;
        }
        NativeOps ops = ops();
        int size = ops.ompGetMaxThreads();
        if (size <= 1) {
            return Scope.NESTED;
        }
        team[0] = size;
        ops.setOmpNumThreads(1);
        return Scope.OUTERMOST;
    }

    /**
     * Runs a custom op, on the whole team when it is large enough.
     *
     * @param op   the op
     * @param macs its multiply-adds
     * @return the op's outputs
     */
    public static INDArray[] exec(CustomOp op, long macs) {
        return run(macs, () -> Nd4j.exec(op));
    }

    /**
     * Runs a memory-bound custom op (pooling) on the whole team when its largest array is large enough.
     *
     * @param op       the op
     * @param elements its largest array's length
     * @return the op's outputs
     */
    public static INDArray[] execMemoryBound(CustomOp op, long elements) {
        return runOn(wideForElements(elements), () -> Nd4j.exec(op));
    }

    /**
     * Runs native work on the whole team when it is large enough (inside a scope), else on the current team.
     *
     * @param macs its multiply-adds
     * @param work the native call
     * @param <T>  its result
     * @return the work's result
     */
    static <T> T run(long macs, Supplier<T> work) {
        return runOn(wideFor(macs), work);
    }

    private static <T> T runOn(int wide, Supplier<T> work) {
        if (wide == 0) {
            return work.get();
        }
        NativeOps ops = ops();
        ops.setOmpNumThreads(wide);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(1);
        }
    }

    /**
     * @param macs a product's multiply-adds
     * @return the team size to run it on, or 0 to run it on the current (narrowed or untouched) team
     */
    static int wideFor(long macs) {
        int team = TEAM.get()[0];
        return team > 1 && macs >= parallelMinMacs() ? team : 0;
    }

    /**
     * @param elements the length of the largest array a memory-bound op or loop touches
     * @return the team size to run it on, or 0 to run it on the current (narrowed or untouched) team
     */
    static int wideForElements(long elements) {
        int team = TEAM.get()[0];
        long min = parallelMinElements();
        return team > 1 && min > 0 && elements >= min ? team : 0;
    }

    /** Sets the calling thread's OpenMP team size only (not the BLAS pool, unlike {@link NativeThreads#set}). */
    static void setTeam(int size) {
        ops().setOmpNumThreads(size);
    }

    private static NativeOps ops() {
        Nd4j.getBackend(); // NativeOpsHolder needs the backend's properties loaded
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    /** An open narrowing; {@link #close} restores the team the outermost scope found. */
    public enum Scope implements AutoCloseable {
        /** The scope that narrowed the team. */
        OUTERMOST,
        /** A scope that changed nothing (nested, narrowing off, or a team of one). */
        NESTED;

        @Override
        public void close() {
            if (this == OUTERMOST) {
                int[] team = TEAM.get();
                int size = team[0];
                team[0] = 0;
                ops().setOmpNumThreads(size);
            }
        }
    }
}
