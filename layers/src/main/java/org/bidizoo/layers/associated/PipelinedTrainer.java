package org.bidizoo.layers.associated;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bidizoo.layers.runtime.NativeTeam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link AssociatedNetwork}'s blocks concurrently. Each block is its own graph
 * ({@link BlockGraphs}); blocks are grouped into {@code stages} contiguous stages of about equal
 * parameter count, one thread each, joined by bounded queues: while stage k trains on minibatch t,
 * stage k−1 already trains on minibatch t+1 (pipelining). A block passes on the s_i and t_i that
 * its parameters <em>before</em> the minibatch's update produce — what the whole training graph's
 * single forward pass gives, copied from the training step's own forward pass — so the result equals {@code training().fit} minibatch by minibatch
 * (up to float rounding), for any number of stages.
 *
 * <p>The trainer copies the network's parameters in when built and back after each {@link #fit};
 * it keeps its own updater state (a fresh one, not the training graph's). Not thread-safe itself.
 */
public final class PipelinedTrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelinedTrainer.class);
    private static final Object[] END = new Object[0];

    private final AssociatedNetwork net;
    private final List<BlockTrainer> blocks = new ArrayList<>();
    private final int[][] stageBlocks;
    private final ExecutorService pool;
    private final int queueCapacity;

    /**
     * @param net    the network (its parameters are copied in now)
     * @param stages threads, {@code 1 <= stages <= numBlocks} (1: the blocks in turn on one thread)
     */
    public PipelinedTrainer(AssociatedNetwork net, int stages) {
        this(net, stages, 2);
    }

    /**
     * @param net           the network
     * @param stages        threads, {@code 1 <= stages <= numBlocks}
     * @param queueCapacity minibatches that may wait between two stages, {@code >= 1}
     */
    public PipelinedTrainer(AssociatedNetwork net, int stages, int queueCapacity) {
        int n = net.numBlocks();
        if (stages < 1 || stages > n) {
            throw new IllegalArgumentException("stages = " + stages + ", expected in [1, " + n + "] (one per block at most)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity = " + queueCapacity + ", expected >= 1");
        }
        this.net = net;
        this.queueCapacity = queueCapacity;
        long[] sizes = new long[n];
        for (int i = 1; i <= n; i++) {
            BlockTrainer b = BlockTrainer.of(net, i);
            blocks.add(b);
            sizes[i - 1] = b.graph().numParams();
        }
        this.stageBlocks = partition(sizes, stages);
        AtomicInteger id = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(stages, r -> {
            Thread t = new Thread(r, "al-stage-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Contiguous groups of blocks with about equal parameter counts (greedy on the running total). */
    static int[][] partition(long[] sizes, int stages) {
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        int[][] out = new int[stages][];
        int next = 0;
        long done = 0;
        for (int k = 0; k < stages; k++) {
            int remainingStages = stages - k;
            int start = next;
            long target = (total - done) / remainingStages;
            long acc = 0;
            while (next < sizes.length && (next == start || acc + sizes[next] / 2 <= target)
                    && sizes.length - next > remainingStages - 1) {
                acc += sizes[next];
                next++;
            }
            if (k == stages - 1) {
                while (next < sizes.length) {
                    acc += sizes[next++];
                }
            }
            done += acc;
            out[k] = new int[next - start];
            for (int j = 0; j < out[k].length; j++) {
                out[k][j] = start + j;
            }
        }
        return out;
    }

    /** @return for each stage, the 0-based blocks it trains */
    public int[][] stages() {
        int[][] c = new int[stageBlocks.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = stageBlocks[k].clone();
        }
        return c;
    }

    /**
     * Trains on every minibatch of the iterator once (reset first if supported), then copies the
     * parameters back into the network.
     *
     * @param it minibatches of features and one-hot labels
     * @return minibatches trained
     */
    public int fit(DataSetIterator it) {
        if (it.resetSupported()) {
            it.reset();
        }
        java.util.Iterator<? extends DataSet> batches = it;
        return fit(batches);
    }

    /**
     * Trains on every minibatch once, then copies the parameters back into the network.
     *
     * @param it minibatches of features {@code [b, ...]} and one-hot labels {@code [b, numClasses]}
     * @return minibatches trained
     */
    public int fit(java.util.Iterator<? extends DataSet> it) {
        List<BlockingQueue<Object[]>> queues = new ArrayList<>();
        for (int k = 0; k < stageBlocks.length; k++) {
            queues.add(new ArrayBlockingQueue<>(queueCapacity));
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 0; k < stageBlocks.length; k++) {
            BlockingQueue<Object[]> in = queues.get(k);
            BlockingQueue<Object[]> out = k + 1 < queues.size() ? queues.get(k + 1) : null;
            int[] mine = stageBlocks[k];
            futures.add(pool.submit(() -> {
                runStage(mine, in, out);
                return null;
            }));
        }
        int batches = 0;
        try {
            while (it.hasNext()) {
                DataSet ds = it.next();
                if (!put(queues.get(0), new Object[] {ds.getFeatures(), ds.getLabels()}, futures)) {
                    break;
                }
                batches++;
            }
            put(queues.get(0), END, futures);
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("interrupted while training", e);
        } catch (java.util.concurrent.ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("a training stage failed: " + e.getCause(), e.getCause());
        }
        copyBack();
        LOG.debug("trained {} minibatches on {} stages", batches, stageBlocks.length);
        return batches;
    }

    /** Puts unless a stage has died (then its failure is reported by {@code Future.get}). */
    private static boolean put(BlockingQueue<Object[]> q, Object[] item, List<Future<?>> futures)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
            for (Future<?> f : futures) {
                if (f.isDone()) {
                    f.get();
                    return false;
                }
            }
        }
        return true;
    }

    private void runStage(int[] mine, BlockingQueue<Object[]> in, BlockingQueue<Object[]> out)
            throws InterruptedException {
        // each stage owns a core: its small ops must not wake a second OpenMP thread
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            runStageNarrowed(mine, in, out);
        }
    }

    private void runStageNarrowed(int[] mine, BlockingQueue<Object[]> in, BlockingQueue<Object[]> out)
            throws InterruptedException {
        while (true) {
            Object[] item = in.take();
            if (item == END) {
                if (out != null) {
                    out.put(END);
                }
                return;
            }
            INDArray s = (INDArray) item[0];
            INDArray t = (INDArray) item[1];
            for (int b : mine) {
                INDArray[] next = step(b, s, t, out != null || b != mine[mine.length - 1]);
                s = next[0];
                t = next[1];
            }
            if (out != null) {
                out.put(new Object[] {s, t});
            }
        }
    }

    /**
     * One update of block b (0-based) on (s_b, t_b); returns (s_{b+1}, t_{b+1}) as that update's own
     * forward pass computed them, i.e. before the update (no second forward pass).
     */
    private INDArray[] step(int b, INDArray s, INDArray t, boolean passOn) {
        INDArray[] next = blocks.get(b).step(s, t, passOn);
        return next == null ? new INDArray[2] : next;
    }

    private void copyBack() {
        for (BlockTrainer b : blocks) {
            b.copyInto(net);
        }
    }

    /** @return the block graphs (block i at index i−1), for inspection */
    public List<ComputationGraph> blockGraphs() {
        return blocks.stream().map(BlockTrainer::graph).toList();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
