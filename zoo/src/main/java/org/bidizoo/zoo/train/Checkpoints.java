package org.bidizoo.zoo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.bidizoo.datasets.io.AtomicFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of training checkpoints: DL4J model zips with the updater state, each also holding where the
 * {@link TrainingLoop} stood (iterations done, the minibatch stream's position) and the caller's metadata
 * (which zoo model and dataset, see {@link SavedModels#metadata}). Each is written atomically; the newest
 * {@code keep} are kept. A run killed at any moment (also during a write) resumes from the newest one and
 * ends with the parameters of an uninterrupted run, losing at most one checkpoint interval.
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    /** File name prefix; the iteration follows, zero-padded. */
    public static final String PREFIX = "checkpoint-";
    /** Name of the loop's state inside a checkpoint zip. */
    static final String STATE = "bidizoo-checkpoint";

    private final Path dir;
    private final int keep;

    /**
     * A checkpoint found on disk.
     *
     * @param file      the zip
     * @param iteration iterations done when it was written
     * @param position  where the minibatch stream stood
     * @param metadata  the caller's metadata
     */
    public record Checkpoint(Path file, int iteration, BatchPosition position, Map<String, String> metadata) {
        /**
         * @return the graph with its parameters and updater state
         * @throws IOException if the file cannot be read
         */
        public ComputationGraph restore() throws IOException {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        }
    }

    /**
     * @param dir  the folder (created on the first save)
     * @param keep how many of the newest checkpoints to keep, {@code >= 1}
     */
    public Checkpoints(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("checkpoints to keep = " + keep + ", expected >= 1");
        }
        this.dir = dir;
        this.keep = keep;
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * Writes a checkpoint of the loop's state, then removes all but the newest {@code keep}.
     *
     * @param s        the loop's state
     * @param metadata the caller's metadata, stored with it
     * @return the file written
     * @throws IOException if it cannot be written (nothing is then left behind)
     */
    public Path save(TrainingState s, Map<String, String> metadata) throws IOException {
        Path f = dir.resolve(String.format("%s%09d.zip", PREFIX, s.iteration()));
        HashMap<String, String> state = new HashMap<>();
        state.put("iteration", Integer.toString(s.iteration()));
        state.put("epoch", Integer.toString(s.position().epoch()));
        state.put("batch", Integer.toString(s.position().batch()));
        HashMap<String, String> meta = new HashMap<>(metadata);
        AtomicFiles.write(f, tmp -> ModelZips.write(s.graph(), true, Map.of(STATE, state, SavedModels.META, meta), tmp));
        List<Path> all = files();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        LOG.debug("checkpoint {} at iteration {}", f, s.iteration());
        return f;
    }

    /**
     * @return the newest checkpoint, if the folder has any
     * @throws IOException if the newest file cannot be read (it names the file)
     */
    public Optional<Checkpoint> latest() throws IOException {
        List<Path> all = files();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(all.get(all.size() - 1)));
    }

    /**
     * @param file a checkpoint zip
     * @return what it holds
     * @throws IOException naming the file if it is not a complete checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        SavedModels.requireCompleteZip(file);
        Map<String, String> state;
        Map<String, String> meta;
        try {
            state = ModelSerializer.getObjectFromFile(file.toFile(), STATE);
            meta = ModelSerializer.getObjectFromFile(file.toFile(), SavedModels.META);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + file + " has no bidizoo training state (written by a bidizoo"
                    + " checkpoint?): " + e.getMessage(), e);
        }
        return new Checkpoint(file, Integer.parseInt(state.get("iteration")), new BatchPosition(
                Integer.parseInt(state.get("epoch")), Integer.parseInt(state.get("batch"))), Map.copyOf(meta));
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(".zip");
            }).sorted().toList());
        }
    }

    /**
     * @param everyIterations iterations between checkpoints, {@code >= 0} (0: by time only)
     * @param everyTime       time between checkpoints, or null (by iterations only)
     * @param metadata        stored with each
     * @return a listener writing checkpoints as the loop runs
     */
    public TrainingListener listener(int everyIterations, Duration everyTime, Map<String, String> metadata) {
        if (everyIterations < 0) {
            throw new IllegalArgumentException("checkpoint every = " + everyIterations + " iterations, expected >= 0");
        }
        if (everyIterations == 0 && everyTime == null) {
            throw new IllegalArgumentException("checkpoints need an interval: iterations >= 1 or a time");
        }
        if (everyTime != null && (everyTime.isNegative() || everyTime.isZero())) {
            throw new IllegalArgumentException("checkpoint every = " + everyTime + ", expected a positive time");
        }
        return new TrainingListener() {
            private long last = System.nanoTime();

            @Override
            public void onIteration(TrainingState s) {
                boolean byCount = everyIterations > 0 && s.iteration() % everyIterations == 0;
                boolean byTime = everyTime != null && System.nanoTime() - last >= everyTime.toNanos();
                if (byCount || byTime) {
                    try {
                        save(s, metadata);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("checkpoint at iteration " + s.iteration() + " into "
                                + dir + " failed: " + e.getMessage(), e);
                    }
                    last = System.nanoTime();
                }
            }

            @Override
            public int nextStop(int iteration) {
                return everyIterations > 0 ? (iteration / everyIterations + 1) * everyIterations : Integer.MAX_VALUE;
            }
        };
    }
}
