package org.bidizoo.zoo.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whole training run of a zoo model, as {@code bidizoo train} does it and a Java program can: the run folder is
 * checked and locked before the first iteration, the graph is trained by {@link TrainingLoop} (or by another
 * {@link Engine}, such as Spark) with checkpoints, evaluated on the test set and saved atomically as
 * {@code model.zip}; optionally a figure and registry-ready weights are written beside it. A run killed at any point
 * continues from its newest checkpoint with {@link Builder#resume()} and ends with the parameters of an
 * uninterrupted run.
 *
 * <pre>{@code
 * BidizooModel m = ZooRegistry.create("lmser-dense", null, ModelSettings.builder().seed(1).build());
 * TrainingRun.Result r = TrainingRun.builder(m, DataSplits.load("mnist")).iterations(5000).out(Path.of("run"))
 *         .build().run();
 * }</pre>
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** Iterations when neither iterations nor epochs are given. */
    public static final int DEFAULT_ITERATIONS = 2000;
    /** The saved model's name inside the run folder. */
    public static final String MODEL_FILE = "model.zip";

    /** Trains the graph somewhere other than this thread's {@link TrainingLoop}, e.g. on a Spark cluster. */
    public interface Engine {
        /**
         * @param model      the zoo model
         * @param graph      its graph, trained in place
         * @param data       the splits
         * @param iterations minibatches in the whole run
         * @param batch      examples per minibatch
         * @param seed       seed of the minibatch stream
         * @return how it went
         */
        Outcome train(BidizooModel model, ComputationGraph graph, DataSplits data, int iterations, int batch,
                      long seed);

        /** @return the key of the engine's settings in {@link Result#toJson()} ({@code spark} unless overridden) */
        default String reportKey() {
            return "spark";
        }
    }

    /**
     * @param seconds  seconds spent training
     * @param settings the engine's settings, JSON-ready (reported under {@link Engine#reportKey()} in
     *                 {@link Result#toJson()})
     */
    public record Outcome(double seconds, Map<String, Object> settings) {
    }

    /** Told of the run as it goes, e.g. a dashboard. */
    public interface Watcher {
        /**
         * @param model the zoo model
         * @param graph its graph, before the first iteration of this run
         * @param data  the splits
         */
        void started(BidizooModel model, ComputationGraph graph, DataSplits data);

        /**
         * @param graph      the trained graph
         * @param iterations iterations of the whole run
         */
        void finished(ComputationGraph graph, int iterations);
    }

    /** Something done in the run folder once it is held. */
    public interface FolderAction {
        /**
         * @param dir the run folder
         * @throws IOException if a file cannot be written
         */
        void run(Path dir) throws IOException;
    }

    /** Writes a file about the trained model into the run folder, e.g. a PNG of reconstructions. */
    public interface Figure {
        /**
         * @param model the zoo model
         * @param graph the trained graph
         * @param data  the splits
         * @param dir   the run folder
         * @return the file written, or null if there is nothing to draw for this model
         * @throws IOException if it cannot be written
         */
        Path write(BidizooModel model, ComputationGraph graph, DataSplits data, Path dir) throws IOException;
    }

    /**
     * What a run did.
     *
     * @param model      the zoo model
     * @param graph      the trained graph
     * @param dataset    dataset name
     * @param iterations iterations of the whole run
     * @param batch      minibatch size
     * @param resumedAt  iterations done before a resumed run started, or null
     * @param seconds    seconds in training steps (of this run)
     * @param evaluation test evaluation
     * @param modelFile  the saved model
     * @param figure     the figure's file, or null
     * @param engine     the engine's report, one entry (its {@link Engine#reportKey()} and its settings), or null for
     *                   the local loop
     * @param export     the exported weights' entry, or null
     */
    public record Result(BidizooModel model, ComputationGraph graph, String dataset, int iterations, int batch,
                         Integer resumedAt, double seconds, Evaluation evaluation, Path modelFile, Path figure,
                         Map<String, Object> engine, PretrainedEntry export) {
        /** @return the JSON {@code bidizoo train --json} prints */
        public Map<String, Object> toJson() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", model.name());
            r.put("variant", variant(model));
            r.put("dataset", dataset);
            r.put("iterations", iterations);
            r.put("batch", batch);
            r.put("parameters", graph.numParams());
            r.put("resumed_at", resumedAt);
            r.put("train_seconds", seconds);
            r.put("train_samples_per_s", (iterations - (resumedAt == null ? 0 : resumedAt)) * (double) batch / seconds);
            r.put("recon_mse", Double.isNaN(evaluation.reconMse()) ? null : evaluation.reconMse());
            r.put("test_accuracy", Double.isNaN(evaluation.accuracy()) ? null : evaluation.accuracy());
            r.put("test_examples", evaluation.examples());
            r.put("model_file", modelFile.toString());
            r.put("png", figure == null ? null : figure.toString());
            if (engine != null) {
                r.putAll(engine);
            }
            if (export != null) {
                r.put("export", WeightsExporter.toJson(export));
            }
            return r;
        }

        /** @return two lines for a console */
        public String text() {
            String variant = variant(model);
            return String.format("%s%s on %s: %d iterations in %.1f s%s%s%nsaved %s%s", model.name(),
                    variant == null ? "" : " (" + variant + ")", dataset, iterations, seconds,
                    Double.isNaN(evaluation.reconMse()) ? "" : String.format(", test reconstruction MSE %.5f",
                            evaluation.reconMse()),
                    Double.isNaN(evaluation.accuracy()) ? "" : String.format(", test accuracy %.2f%%",
                            100 * evaluation.accuracy()),
                    modelFile, figure == null ? "" : " and " + figure);
        }
    }

    private final Builder b;

    private TrainingRun(Builder b) {
        this.b = b;
    }

    /**
     * @param model the zoo model to train (see {@code ZooRegistry.create})
     * @param data  its training and test splits
     * @return a builder; the defaults are 2000 iterations of 50 examples, seed 42, a checkpoint every 1000 iterations
     *         with the last 2 kept, and the folder {@link #defaultFolder}
     */
    public static Builder builder(BidizooModel model, DataSplits data) {
        return new Builder(model, data);
    }

    /**
     * @param model the zoo model
     * @param data  the splits
     * @return {@code runs/MODEL[-VARIANT]-DATASET}
     */
    public static Path defaultFolder(BidizooModel model, DataSplits data) {
        String variant = variant(model);
        return Path.of("runs", model.name() + (variant == null ? "" : "-" + variant) + "-" + data.name());
    }

    private static String variant(BidizooModel m) {
        return m.variantName().isEmpty() ? null : m.variantName();
    }

    /**
     * Trains, evaluates and saves.
     *
     * @return what the run did
     * @throws IOException              if a file cannot be read or written
     * @throws IllegalArgumentException naming the setting (or the folder) that is wrong
     * @throws TrainingDivergedException if the score becomes NaN or infinite (the newest checkpoint is kept)
     */
    public Result run() throws IOException {
        BidizooModel m = b.model;
        int iterations = b.iterations();
        Path dir = b.out != null ? b.out : defaultFolder(m, b.data);
        Checkpoints.Checkpoint resuming = b.resume ? newestCheckpoint(dir) : null;
        ComputationGraph g = resuming == null ? m.init() : resuming.restore();
        try (RunFolder folder = RunFolder.open(b.outParameter, dir, RunFolder.bytesNeeded(g.numParams(), b.keep))) {
            if (resuming == null && b.onStart != null) {
                b.onStart.run(folder.dir());
            }
            if (b.watcher != null) {
                b.watcher.started(m, g, b.data);
            }
            Outcome trained = b.engine != null
                    ? b.engine.train(m, g, b.data, iterations, b.batch, b.seed)
                    : new Outcome(loop(m, g, iterations, folder, resuming).run().seconds(), null);
            if (b.watcher != null) {
                b.watcher.finished(g, iterations);
            }
            Evaluation ev = Evaluator.evaluate(m, g, b.data.testIterator(m.featureLayout(), Integer.MAX_VALUE));
            Path file = folder.dir().resolve(MODEL_FILE);
            SavedModels.save(m, g, b.data.name(), file);
            Path figure = b.figure == null ? null : b.figure.write(m, g, b.data, folder.dir());
            PretrainedEntry export = b.export == null ? null
                    : WeightsExporter.export(m, g, b.data.name(), ev, b.exportCommand, trained.seconds(), b.export);
            return new Result(m, g, b.data.name(), iterations, b.batch, resuming == null ? null : resuming.iteration(),
                    trained.seconds(), ev, file, figure, trained.settings() == null ? null
                    : Map.of(b.engine.reportKey(), trained.settings()), export);
        }
    }

    private TrainingLoop loop(BidizooModel m, ComputationGraph g, int iterations, RunFolder folder,
                              Checkpoints.Checkpoint resuming) {
        TrainingLoop.Builder loop = TrainingLoop.forModel(m, g, Batches.of(b.data.trainIterator(m.featureLayout(),
                b.batch, b.seed))).iterations(iterations)
                .listener(folder.checkpoints(b.keep).listener(b.checkpointEvery, b.checkpointTime,
                        SavedModels.metadata(m, b.data.name())));
        if (resuming != null) {
            loop.resume(resuming.iteration(), resuming.position());
        }
        return loop.build();
    }

    private Checkpoints.Checkpoint newestCheckpoint(Path dir) throws IOException {
        Checkpoints.Checkpoint cp = new Checkpoints(dir.resolve(RunFolder.CHECKPOINTS), 1).latest()
                .orElseThrow(() -> new IllegalArgumentException(b.outParameter + " " + dir + ": the run wrote no"
                        + " checkpoint yet; start it again"));
        LOG.info("resuming {} at iteration {} ({})", dir, cp.iteration(), cp.file().getFileName());
        return cp;
    }

    /** Settings of a run; each setter checks its value and names it in the error. */
    public static final class Builder {
        private final BidizooModel model;
        private final DataSplits data;
        private Integer iterations;
        private Integer epochs;
        private int batch = 50;
        private long seed = 42;
        private Path out;
        private String outParameter = "out";
        private int checkpointEvery = 1000;
        private Duration checkpointTime;
        private int keep = 2;
        private boolean resume;
        private Engine engine;
        private Watcher watcher;
        private Figure figure;
        private Path export;
        private String exportCommand;
        private FolderAction onStart;

        private Builder(BidizooModel model, DataSplits data) {
            if (model == null || data == null) {
                throw new IllegalArgumentException("model and data are required, got " + model + " and " + data);
            }
            this.model = model;
            this.data = data;
        }

        /**
         * @param n minibatches to train on, {@code >= 1} (not with {@link #epochs})
         * @return this
         */
        public Builder iterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("iterations = " + n + ", expected >= 1");
            }
            iterations = n;
            return this;
        }

        /**
         * @param n passes over the training set, {@code >= 1} (not with {@link #iterations})
         * @return this
         */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("epochs = " + n + ", expected >= 1");
            }
            epochs = n;
            return this;
        }

        /**
         * @param n examples per minibatch, {@code >= 1}
         * @return this
         */
        public Builder batch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch = " + n + ", expected >= 1");
            }
            batch = n;
            return this;
        }

        /**
         * @param s seed of the minibatch order (the model's own seed is in its settings)
         * @return this
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /**
         * @param dir       the run folder (created if missing; locked while the run lasts)
         * @param parameter what the user called it, for messages (e.g. {@code --out})
         * @return this
         */
        public Builder out(Path dir, String parameter) {
            out = dir;
            outParameter = parameter;
            return this;
        }

        /**
         * @param dir the run folder (created if missing; locked while the run lasts)
         * @return this
         */
        public Builder out(Path dir) {
            return out(dir, "out");
        }

        /**
         * @param every iterations between checkpoints, {@code >= 0} (0: only by time)
         * @param time  also a checkpoint when this much time has passed since the last, or null
         * @param keep  checkpoints kept, newest first, {@code >= 1}
         * @return this
         */
        public Builder checkpoints(int every, Duration time, int keep) {
            if (every < 0) {
                throw new IllegalArgumentException("checkpoint every = " + every + ", expected >= 0");
            }
            if (time != null && (time.isNegative() || time.isZero())) {
                throw new IllegalArgumentException("checkpoint time = " + time + ", expected > 0");
            }
            if (keep < 1) {
                throw new IllegalArgumentException("checkpoints kept = " + keep + ", expected >= 1");
            }
            checkpointEvery = every;
            checkpointTime = time;
            this.keep = keep;
            return this;
        }

        /**
         * Continues the run in the {@link #out} folder from its newest checkpoint. The other settings must be the
         * interrupted run's: the run then ends with the parameters an uninterrupted run would have.
         *
         * @return this
         */
        public Builder resume() {
            resume = true;
            return this;
        }

        /**
         * @param e trains instead of the local {@link TrainingLoop} (no checkpoints are written then)
         * @return this
         */
        public Builder engine(Engine e) {
            engine = e;
            return this;
        }

        /**
         * @param w told when training starts and ends
         * @return this
         */
        public Builder watcher(Watcher w) {
            watcher = w;
            return this;
        }

        /**
         * @param f writes a figure into the run folder after training
         * @return this
         */
        public Builder figure(Figure f) {
            figure = f;
            return this;
        }

        /**
         * @param dir     also write registry-ready weights and their entry there
         * @param command the command line recorded in the entry
         * @return this
         */
        public Builder export(Path dir, String command) {
            export = dir;
            exportCommand = command;
            return this;
        }

        /**
         * @param action run once the folder is held, before the first iteration of a fresh (not resumed) run, e.g. to
         *               record the run's options there
         * @return this
         */
        public Builder onStart(FolderAction action) {
            onStart = action;
            return this;
        }

        /**
         * @return the run
         * @throws IllegalArgumentException if the settings contradict each other
         */
        public TrainingRun build() {
            if (iterations != null && epochs != null) {
                throw new IllegalArgumentException("iterations = " + iterations + " and epochs = " + epochs
                        + ": give one of them");
            }
            if (engine != null && resume) {
                throw new IllegalArgumentException("resume continues a local run from its checkpoints; an engine"
                        + " (Spark) writes none");
            }
            data.requireBatch(batch);
            int n = iterations();
            long pretrain = model.pretraining().stream().mapToLong(p -> p.iterations()).sum();
            if (model.classifies() && !model.pretraining().isEmpty() && pretrain >= n) {
                LOG.warn("{} pretrains {} layers for {} minibatches in all; {} iterations leave no fine-tuning (give"
                        + " more iterations)", model.name(), model.pretraining().size(), pretrain, n);
            }
            return new TrainingRun(this);
        }

        private int iterations() {
            if (iterations != null) {
                return iterations;
            }
            if (epochs != null) {
                long n = (long) Math.ceil((double) epochs * data.train().size() / batch);
                if (n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("epochs = " + epochs + " gives " + n + " iterations, more than "
                            + Integer.MAX_VALUE);
                }
                return (int) n;
            }
            return DEFAULT_ITERATIONS;
        }
    }
}
