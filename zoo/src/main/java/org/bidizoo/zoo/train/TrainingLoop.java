package org.bidizoo.zoo.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

import org.bidizoo.datasets.progress.ProgressBar;
import org.bidizoo.layers.runtime.NativeTeam;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop of bidizoo: every command, experiment and model trains through it. It draws raw
 * minibatches from a resumable {@link Batches} stream (epoch after epoch), turns each into the model's training
 * batch ({@link BatchFactory}: where schedules such as the entropy ramp live), applies them with a
 * {@link TrainingStep} (DL4J's {@code fit}, or Associated Learning's pipelined blocks) and calls
 * {@link TrainingListener}s (progress, periodic evaluation, checkpoints).
 *
 * <p>After every step it checks the score: a NaN or infinite score stops the run with a
 * {@link TrainingDivergedException} naming the iteration and each output's score, before any listener (a
 * checkpoint, say) sees the broken parameters.
 *
 * <pre>{@code
 * TrainingLoop.Result r = TrainingLoop.forModel(spec, graph, Batches.of(trainIterator))
 *         .iterations(5000)
 *         .listener(TrainingListener.every(1000, s -> log(s.iteration())))
 *         .build().run();
 * }</pre>
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final String name;
    private final ComputationGraph graph;
    private final Batches batches;
    private final BatchFactory factory;
    private final TrainingStep step;
    private final List<TrainingListener> listeners;
    private final int iterations;
    private final int start;
    private final boolean progress;

    /** Turns a raw minibatch into the graph's training batch; may depend on the iteration (a schedule). */
    @FunctionalInterface
    public interface BatchFactory {
        /**
         * @param raw       features, labels and (semi-supervised) label mask as drawn
         * @param iteration iterations done before this minibatch ({@code >= 0})
         * @return the batch to train on
         */
        MultiDataSet make(MultiDataSet raw, int iteration);
    }

    /**
     * The outcome of a run.
     *
     * @param iterations iterations done in total (a resumed run counts the ones before it)
     * @param seconds    seconds spent in training steps in this run (listeners and minibatch creation excluded)
     * @param score      the last minibatch's score
     */
    public record Result(int iterations, double seconds, double score) {
    }

    private TrainingLoop(Builder b) {
        this.name = b.name;
        this.graph = b.graph;
        this.batches = b.batches;
        this.factory = b.factory;
        this.step = b.step;
        this.listeners = List.copyOf(b.listeners);
        this.iterations = b.iterations;
        this.start = b.start;
        this.progress = b.progress;
    }

    /**
     * @param name    the run's name, for logs and the progress bar
     * @param graph   the graph to train (in place)
     * @param batches its training minibatches; used as they come unless a batch factory is set
     * @return a builder
     */
    public static Builder builder(String name, ComputationGraph graph, Batches batches) {
        return new Builder(name, graph, batches);
    }

    /**
     * A loop for a zoo model: each raw minibatch becomes {@link BidizooModel#trainingBatchAt} of its features,
     * labels, label mask and iteration, applied by the model's step ({@link TrainingStep#forModel}: {@code fit},
     * after the model's layer-wise pretraining if it has any).
     *
     * @param spec    the zoo model
     * @param graph   its graph (trained in place)
     * @param batches its training minibatches, in the model's feature layout
     * @return a builder
     */
    public static Builder forModel(BidizooModel spec, ComputationGraph graph, Batches batches) {
        return builder(spec.toString(), graph, batches).step(TrainingStep.forModel(spec))
                .batchFactory((m, i) -> spec.trainingBatchAt(m.getFeatures(0), m.getLabels(0), m.getLabelsMaskArray(0),
                        i));
    }

    /**
     * Runs the remaining iterations.
     *
     * @return the outcome
     * @throws TrainingDivergedException if the score becomes NaN or infinite
     */
    public Result run() {
        long nanos = 0;
        int it = start;
        double score = Double.NaN;
        for (TrainingListener l : listeners) {
            l.onStart(state(it, nanos, score));
        }
        // small ops on one OpenMP thread, large products on the whole team (NativeTeam's measurements)
        try (NativeTeam.Scope team = NativeTeam.narrow();
             ProgressBar bar = progress ? new ProgressBar("train " + name, iterations, "it") : null) {
            if (bar != null && start > 0) {
                bar.step(start);
            }
            while (it < iterations) {
                int stop = step.pipelined() ? nextStop(it) : it + 1;
                Stretch stretch = new Stretch(it, stop - it, bar);
                if (!step.pipelined()) {
                    stretch.prefetch();
                }
                long t0 = System.nanoTime();
                step.fit(graph, stretch, it);
                nanos += System.nanoTime() - t0;
                if (stretch.taken != stop - it) {
                    throw new IllegalStateException("training step took " + stretch.taken + " of the " + (stop - it)
                            + " minibatches it was given; a step must train on all of them");
                }
                it = stop;
                score = graph.score();
                if (!Double.isFinite(score)) {
                    throw diverged(it, score);
                }
                TrainingState s = state(it, nanos, score);
                for (TrainingListener l : listeners) {
                    l.onIteration(s);
                }
            }
        }
        TrainingState end = state(it, nanos, score);
        for (TrainingListener l : listeners) {
            l.onEnd(end);
        }
        double secs = nanos / 1e9;
        if (it > start) {
            LOG.info("{}: {} iterations in {} s ({} minibatches/s)", name, it - start,
                    String.format(Locale.ROOT, "%.1f", secs), String.format(Locale.ROOT, "%.1f", (it - start) / secs));
        }
        return new Result(it, secs, score);
    }

    private int nextStop(int it) {
        int stop = iterations;
        for (TrainingListener l : listeners) {
            int s = l.nextStop(it);
            if (s <= it) {
                throw new IllegalStateException("listener " + l + " asked to stop at iteration " + s + ", which is not"
                        + " after " + it);
            }
            stop = Math.min(stop, s);
        }
        return stop;
    }

    private TrainingState state(int it, long nanos, double score) {
        return new TrainingState(name, graph, it, iterations, batches.position(), batches.batchesPerEpoch(),
                nanos / 1e9, score);
    }

    private TrainingDivergedException diverged(int it, double score) {
        StringBuilder outs = new StringBuilder();
        String[] names = graph.getConfiguration().getNetworkOutputs().toArray(new String[0]);
        for (int o = 0; o < names.length; o++) {
            Layer l = graph.getOutputLayer(o);
            outs.append(o == 0 ? "" : ", ").append(names[o]).append(' ').append(l.score());
        }
        return new TrainingDivergedException(name + ": training diverged at iteration " + it + " of " + iterations
                + ": the score is " + score + " (outputs: " + outs + "); the parameters are no longer usable. Lower"
                + " the learning rate; a checkpoint, if one was written, holds the last good parameters", it);
    }

    /** The minibatches of one step: drawn from the stream, made into training batches, counted. */
    private final class Stretch implements Iterator<MultiDataSet> {
        private final int first;
        private final int limit;
        private final ProgressBar bar;
        private MultiDataSet prefetched;
        private int taken;

        Stretch(int first, int limit, ProgressBar bar) {
            this.first = first;
            this.limit = limit;
            this.bar = bar;
        }

        void prefetch() {
            prefetched = factory.make(batches.next(), first);
        }

        @Override
        public boolean hasNext() {
            return taken < limit;
        }

        @Override
        public MultiDataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException("this step's " + limit + " minibatches are done");
            }
            MultiDataSet m;
            if (prefetched != null) {
                m = prefetched;
                prefetched = null;
            } else {
                m = factory.make(batches.next(), first + taken);
            }
            taken++;
            if (bar != null) {
                bar.step(1);
            }
            return m;
        }
    }

    /** Configures a {@link TrainingLoop}. */
    public static final class Builder {
        private final String name;
        private final ComputationGraph graph;
        private final Batches batches;
        private BatchFactory factory = (m, i) -> m;
        private TrainingStep step = TrainingStep.FIT;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int iterations = -1;
        private int start;
        private BatchPosition position;
        private boolean progress = true;

        private Builder(String name, ComputationGraph graph, Batches batches) {
            if (graph == null || batches == null) {
                throw new IllegalArgumentException("training loop '" + name + "': graph and batches are required");
            }
            this.name = name;
            this.graph = graph;
            this.batches = batches;
        }

        /** @param n iterations (minibatches) in the whole run, {@code >= 1} @return this */
        public Builder iterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("iterations = " + n + ", expected >= 1");
            }
            this.iterations = n;
            return this;
        }

        /** @param f turns each raw minibatch into the training batch @return this */
        public Builder batchFactory(BatchFactory f) {
            this.factory = java.util.Objects.requireNonNull(f, "batchFactory");
            return this;
        }

        /** @param s how minibatches are applied (default {@link TrainingStep#FIT}) @return this */
        public Builder step(TrainingStep s) {
            this.step = java.util.Objects.requireNonNull(s, "step");
            return this;
        }

        /** @param l a listener, called in the order added @return this */
        public Builder listener(TrainingListener l) {
            listeners.add(java.util.Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** @param on whether to draw a progress bar on stderr (default true) @return this */
        public Builder progress(boolean on) {
            this.progress = on;
            return this;
        }

        /**
         * Continues a run: {@code done} iterations are already in the graph and the stream continues at
         * {@code position} (both from a checkpoint).
         *
         * @param done     iterations already done, {@code >= 0}
         * @param position where the minibatch stream stood
         * @return this
         */
        public Builder resume(int done, BatchPosition position) {
            if (done < 0) {
                throw new IllegalArgumentException("resumed iterations = " + done + ", expected >= 0");
            }
            this.start = done;
            this.position = java.util.Objects.requireNonNull(position, "position");
            return this;
        }

        /** @return the loop, with the stream positioned */
        public TrainingLoop build() {
            if (iterations < 0) {
                throw new IllegalArgumentException("training loop '" + name + "': iterations are required");
            }
            if (start > iterations) {
                throw new IllegalArgumentException("resume: " + start + " iterations are already done, more than the"
                        + " run's " + iterations);
            }
            if (position != null) {
                batches.seek(position);
            }
            return new TrainingLoop(this);
        }
    }
}
