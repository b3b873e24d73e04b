package org.bidizoo.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.layers.associated.BlockTrainer;
import org.bidizoo.layers.runtime.NativeTeam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Associated Learning's blocks pipelined across Spark executors, one block per Spark task: a block needs no gradient
 * from the others, only the (s, t) the previous block's forward pass made, so block i trains on chunk c while block
 * i−1 trains on chunk c+1. Each step is one Spark job of one task per busy block; a task gets its block's graph with
 * its updater state ({@link BlockTrainer#toBytes}) and a chunk of inputs, fits the chunk minibatch by minibatch and
 * returns the graph and the (s, t) it passes on; the driver hands those to the next block in the next step. Nothing
 * is averaged: the result equals {@code fit} of the whole training graph on the same minibatches in the same order
 * (as {@link org.bidizoo.layers.associated.PipelinedTrainer} does on threads), for any chunk size.
 *
 * <p>With B blocks and N chunks the run takes N + B − 1 steps; in all but B − 1 of them every block works. Every
 * step moves each block's parameters and Adam state (12 bytes per parameter) and its chunk of activations through
 * the driver, so a chunk should hold enough minibatches that its compute outweighs a Spark job's overhead. They
 * travel as broadcast variables and come back as task results through Spark's block manager, so
 * {@code spark.driver.maxResultSize} (1 GB by default) must hold one step's blocks and outputs.
 */
public final class SparkAlPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(SparkAlPipeline.class);

    private final AssociatedNetwork net;
    private final JavaSparkContext sc;
    private final int chunk;

    /**
     * @param net   the network (its parameters are read now and written back after {@link #fit})
     * @param sc    a context with at least as many task slots as the network has blocks
     * @param chunk minibatches a block fits per step, {@code >= 1}
     * @throws IllegalArgumentException if chunk is below 1
     */
    public SparkAlPipeline(AssociatedNetwork net, JavaSparkContext sc, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk = " + chunk + ", expected >= 1 minibatches per step");
        }
        this.net = Objects.requireNonNull(net, "net");
        this.sc = Objects.requireNonNull(sc, "sc");
        this.chunk = chunk;
    }

    /**
     * The outcome of a {@link #fit}.
     *
     * @param minibatches minibatches trained on
     * @param steps       Spark jobs run
     * @param seconds     wall time
     */
    public record Result(int minibatches, int steps, double seconds) {
    }

    /** Told after each step (one Spark job) of a {@link #fit}. */
    public interface Progress {
        /**
         * @param finished minibatches the last block has finished
         * @param snapshot when run, copies every block's parameters as they are now into the network (blocks are
         *                 at different points of the stream: of B blocks, block i is B − i chunks ahead of the last); it
         *                 costs one deserialization of every block, so run it only when the parameters are needed
         */
        void stepDone(int finished, Runnable snapshot);
    }

    /**
     * Trains every block on the minibatches in order, with fresh updater state (as a new {@code PipelinedTrainer}).
     *
     * @param minibatches raw minibatches: features and one-hot labels
     * @return the outcome; the network holds the trained parameters
     * @throws IllegalArgumentException if there are none
     */
    public Result fit(List<? extends DataSet> minibatches) {
        return fit(minibatches.iterator(), minibatches.size(), (n, snapshot) -> { });
    }

    /**
     * Trains every block on the first {@code count} minibatches of a stream, read one chunk per step (the driver
     * holds at most one chunk per block).
     *
     * @param minibatches raw minibatches: features and one-hot labels
     * @param count       minibatches to train on, {@code >= 1}
     * @param progress    told after each step
     * @return the outcome; the network holds the trained parameters
     * @throws IllegalArgumentException if count is below 1 or the stream ends before it
     */
    public Result fit(Iterator<? extends DataSet> minibatches, int count, Progress progress) {
        if (count < 1 || !minibatches.hasNext()) {
            throw new IllegalArgumentException("minibatches: none given");
        }
        long t0 = System.nanoTime();
        int blocks = net.numBlocks();
        byte[][] graphs = new byte[blocks][];
        for (int i = 0; i < blocks; i++) {
            graphs[i] = BlockTrainer.of(net, i + 1).toBytes();
        }
        int chunks = (count + chunk - 1) / chunk;
        // inputs.get(i) maps a chunk index to the (s, t) pairs block i+1 trains on next
        List<Map<Integer, List<INDArray[]>>> inputs = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            inputs.add(new HashMap<>());
        }
        int steps = chunks + blocks - 1;
        int finished = 0;
        for (int j = 0; j < steps; j++) {
            if (j < chunks) {
                List<INDArray[]> raw = new ArrayList<>();
                for (int k = j * chunk; k < Math.min(count, (j + 1) * chunk); k++) {
                    if (!minibatches.hasNext()) {
                        throw new IllegalArgumentException("minibatches: the stream ended after " + k + " of " + count);
                    }
                    DataSet d = minibatches.next();
                    raw.add(new INDArray[] {d.getFeatures(), d.getLabels()});
                }
                inputs.get(0).put(j, raw);
            }
            List<StageTask> tasks = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                int c = j - i;
                if (c >= 0 && c < chunks) {
                    tasks.add(new StageTask(i + 1, c, graphs[i], inputs.get(i).remove(c), i + 1 < blocks));
                }
            }
            List<StageResult> done = run(tasks);
            for (StageResult r : done) {
                graphs[r.block - 1] = r.graph;
                if (r.outputs != null) {
                    inputs.get(r.block).put(r.chunk, r.outputs);
                } else {
                    finished = Math.min(count, (r.chunk + 1) * chunk);
                }
            }
            progress.stepDone(finished, () -> copyInto(graphs));
        }
        copyInto(graphs);
        double secs = (System.nanoTime() - t0) / 1e9;
        LOG.debug("pipelined {} minibatches through {} blocks in {} Spark jobs, {} s", count, blocks, steps, secs);
        return new Result(count, steps, secs);
    }

    /**
     * Runs one step's tasks, one Spark task each. Each task's block and inputs travel as a broadcast variable: in a
     * task's closure they would be capped by {@code spark.rpc.message.maxSize} (128 MB; al-mlp's first block with
     * its Adam state is 155 MB). The results come back through Spark's block manager.
     */
    private List<StageResult> run(List<StageTask> tasks) {
        List<Broadcast<StageTask>> shipped = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (StageTask t : tasks) {
            index.add(shipped.size());
            shipped.add(sc.broadcast(t));
        }
        try {
            return sc.parallelize(index, index.size()).map(k -> shipped.get(k).value().run()).collect();
        } finally {
            for (Broadcast<StageTask> b : shipped) {
                b.destroy();
            }
        }
    }

    private void copyInto(byte[][] graphs) {
        for (int i = 0; i < graphs.length; i++) {
            BlockTrainer.restore(graphs[i], i + 1).copyInto(net);
        }
    }

    /** One block's work in one step: runs on an executor. */
    static final class StageTask implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int block;
        private final int chunk;
        private final byte[] graph;
        private final List<INDArray[]> inputs;
        private final boolean passOn;

        StageTask(int block, int chunk, byte[] graph, List<INDArray[]> inputs, boolean passOn) {
            this.block = block;
            this.chunk = chunk;
            this.graph = graph;
            this.inputs = inputs;
            this.passOn = passOn;
        }

        StageResult run() {
            try (NativeTeam.Scope team = NativeTeam.narrow()) {
                BlockTrainer b = BlockTrainer.restore(graph, block);
                List<INDArray[]> out = passOn ? new ArrayList<>() : null;
                for (INDArray[] st : inputs) {
                    INDArray[] next = b.step(st[0], st[1], passOn);
                    if (passOn) {
                        out.add(next);
                    }
                }
                return new StageResult(block, chunk, b.toBytes(), out);
            }
        }
    }

    /** What a {@link StageTask} hands back to the driver. */
    static final class StageResult implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int block;
        private final int chunk;
        private final byte[] graph;
        private final List<INDArray[]> outputs;

        StageResult(int block, int chunk, byte[] graph, List<INDArray[]> outputs) {
            this.block = block;
            this.chunk = chunk;
            this.graph = graph;
            this.outputs = outputs;
        }
    }
}
