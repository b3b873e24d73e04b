package org.bidizoo.zoo.train;

import java.util.function.Consumer;

/**
 * Called by the {@link TrainingLoop}: at the start, after iterations, and at the end. Progress, periodic
 * evaluation, checkpoints and logging are listeners; schedules that change the minibatch are
 * {@link TrainingLoop.Builder#batchFactory batch factories}.
 */
public interface TrainingListener {
    /** @param state the loop before its first (or, resumed, its next) iteration */
    default void onStart(TrainingState state) {
    }

    /**
     * Called after every iteration with {@link TrainingStep#FIT}; with a pipelined step, only at the iterations
     * some listener asked for by {@link #nextStop(int)} and at the last one.
     *
     * @param state the loop after {@code state.iteration()} iterations
     */
    default void onIteration(TrainingState state) {
    }

    /**
     * @param iteration iterations done so far
     * @return the next iteration count {@code > iteration} after which this listener needs the graph (for
     *         pipelined steps), or {@link Integer#MAX_VALUE} for none
     */
    default int nextStop(int iteration) {
        return Integer.MAX_VALUE;
    }

    /** @param state the loop after its last iteration */
    default void onEnd(TrainingState state) {
    }

    /**
     * @param every  iterations between calls, {@code >= 1}
     * @param action called after every {@code every}-th iteration (not after the last unless it is one)
     * @return a listener
     */
    static TrainingListener every(int every, Consumer<TrainingState> action) {
        if (every < 1) {
            throw new IllegalArgumentException("every = " + every + ", expected >= 1");
        }
        return new TrainingListener() {
            @Override
            public void onIteration(TrainingState s) {
                if (s.iteration() % every == 0) {
                    action.accept(s);
                }
            }

            @Override
            public int nextStop(int iteration) {
                return (iteration / every + 1) * every;
            }
        };
    }

    /**
     * @param iterations iteration counts after which to call, each {@code >= 1}
     * @param action     called after each of them
     * @return a listener
     */
    static TrainingListener at(int[] iterations, Consumer<TrainingState> action) {
        int[] sorted = iterations.clone();
        java.util.Arrays.sort(sorted);
        for (int c : sorted) {
            if (c < 1) {
                throw new IllegalArgumentException("iteration " + c + ": expected >= 1");
            }
        }
        return new TrainingListener() {
            @Override
            public void onIteration(TrainingState s) {
                if (java.util.Arrays.binarySearch(sorted, s.iteration()) >= 0) {
                    action.accept(s);
                }
            }

            @Override
            public int nextStop(int iteration) {
                for (int c : sorted) {
                    if (c > iteration) {
                        return c;
                    }
                }
                return Integer.MAX_VALUE;
            }
        };
    }
}
