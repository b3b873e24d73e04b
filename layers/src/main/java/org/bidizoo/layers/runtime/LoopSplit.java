package org.bidizoo.layers.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits one of the runtime's element-wise loops over the whole team when its arrays are large: inside a
 * {@link NativeTeam} scope whose team has {@code t > 1} threads, a loop over at least
 * {@link NativeTeam#parallelMinElements()} elements runs as {@code t} contiguous ranges, the first on the
 * calling thread and the others on daemon threads of a shared pool (the OpenMP team is idle meanwhile: the
 * scope narrowed it to one thread). Below the threshold, outside a scope, or with a team of one, the loop runs
 * whole on the calling thread.
 *
 * <p>The loops are element-wise, so any split gives the same bits; ranges start at multiples of 64 elements to
 * keep vector loops aligned to cache lines.
 */
final class LoopSplit {
    /** A loop body over the elements {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        /**
         * @param from first element
         * @param to   one past the last element
         */
        void run(long from, long to);
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bidizoo-loop-" + NEXT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private LoopSplit() {
    }

    /**
     * @param n    elements
     * @param body the loop over a range
     */
    static void run(long n, Range body) {
        int team = NativeTeam.wideForElements(n);
        if (team < 2) {
            body.run(0, n);
            return;
        }
        split(n, ((n + team - 1) / team + 63) & ~63L, team, body);
    }

    /**
     * Splits {@code [0, items)} into one contiguous range per team thread when the work touches at least
     * {@link NativeTeam#parallelMinElements()} elements (for loops over samples whose cost is not one element each).
     *
     * @param items    items (samples)
     * @param elements the elements the whole loop touches
     * @param body     the loop over a range of items
     */
    static void runItems(long items, long elements, Range body) {
        int team = (int) Math.min(items, NativeTeam.wideForElements(elements));
        if (team < 2) {
            body.run(0, items);
            return;
        }
        split(items, (items + team - 1) / team, team, body);
    }

    private static void split(long n, long per, int team, Range body) {
        Future<?>[] others = new Future<?>[team - 1];
        int submitted = 0;
        try {
            for (int p = 1; p < team; p++) {
                long from = Math.min(n, p * per);
                long to = Math.min(n, from + per);
                if (from < to) {
                    others[submitted++] = POOL.submit(() -> body.run(from, to));
                }
            }
            body.run(0, Math.min(n, per));
        } finally {
            join(others, submitted);
        }
    }

    /** Waits for every range (they write into the caller's arrays), then rethrows the first failure. */
    private static void join(Future<?>[] others, int count) {
        boolean interrupted = false;
        Throwable failure = null;
        for (int i = 0; i < count; i++) {
            while (true) {
                try {
                    others[i].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
        }
    }
}
