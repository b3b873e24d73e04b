package org.bidizoo.layers.associated;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One block of an {@link AssociatedNetwork} as its own graph ({@link BlockGraphs}), trained one minibatch at a time
 * on its inputs (s_{i−1}, t_{i−1}); each step hands back the (s_i, t_i) that the block's parameters <em>before</em>
 * the update produce, copied from the step's own forward pass, which is what the whole training graph's forward
 * pass gives the next block. Blocks need no gradient from each other, so they can train anywhere (threads:
 * {@link PipelinedTrainer}; Spark executors: the graph with its updater state travels as {@link #toBytes}).
 */
public final class BlockTrainer {
    private final int block;
    private final ComputationGraph graph;
    private final long[] widths;
    private final Capture capture;

    private BlockTrainer(int block, ComputationGraph graph) {
        this.block = block;
        this.graph = graph;
        this.widths = new long[] {nOut(graph, AssociatedNames.bridge(block)), nOut(graph, AssociatedNames.inverse(block))};
        this.capture = new Capture(AssociatedNames.s(block), AssociatedNames.t(block));
        graph.setListeners(capture);
    }

    /**
     * @param net   the network
     * @param block the block, 1-based
     * @return the block's graph with the network's parameters copied in and a fresh updater
     * @throws IllegalArgumentException if the block is not in 1..numBlocks
     */
    public static BlockTrainer of(AssociatedNetwork net, int block) {
        if (block < 1 || block > net.numBlocks()) {
            throw new IllegalArgumentException("block = " + block + ", expected 1.." + net.numBlocks());
        }
        ComputationGraph g = new ComputationGraph(BlockGraphs.conf(net.training().getConfiguration(), block));
        g.init();
        for (Layer l : g.getLayers()) {
            if (l.numParams() > 0) {
                l.setParams(net.training().getLayer(l.conf().getLayer().getLayerName()).params());
            }
        }
        return new BlockTrainer(block, g);
    }

    /**
     * @param bytes what {@link #toBytes} wrote
     * @param block the block, 1-based
     * @return the block with its parameters, updater state and iteration count
     */
    public static BlockTrainer restore(byte[] bytes, int block) {
        try {
            return new BlockTrainer(block, ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes),
                    true));
        } catch (IOException e) {
            throw new UncheckedIOException("block " + block + ": cannot read its graph", e);
        }
    }

    /** @return the graph, its updater state and counts, as {@code ModelSerializer} writes them */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(graph, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("block " + block + ": cannot write its graph", e);
        }
        return out.toByteArray();
    }

    /**
     * One update on (s, t).
     *
     * @param s      the block's input {@code [b, ...]} (the features for block 1)
     * @param t      its target input {@code [b, classes or width]} (the one-hot labels for block 1)
     * @param passOn whether to return the next block's inputs
     * @return (s_i, t_i) before the update, detached; null if not passOn
     */
    public INDArray[] step(INDArray s, INDArray t, boolean passOn) {
        capture.enabled = passOn;
        graph.fit(AssociatedNetwork.trainingBatch(s, t, widths));
        INDArray[] next = passOn ? new INDArray[] {capture.s, capture.t} : null;
        capture.s = null;
        capture.t = null;
        return next;
    }

    /** Copies this block's parameters into the network's training graph. */
    public void copyInto(AssociatedNetwork net) {
        for (Layer l : graph.getLayers()) {
            if (l.numParams() > 0) {
                net.training().getLayer(l.conf().getLayer().getLayerName()).setParams(l.params());
            }
        }
    }

    /** @return the block, 1-based */
    public int block() {
        return block;
    }

    /** @return the block's graph */
    public ComputationGraph graph() {
        return graph;
    }

    private static long nOut(ComputationGraph g, String layer) {
        return ((FeedForwardLayer) g.getLayer(layer).conf().getLayer()).getNOut();
    }

    /** Copies s_i and t_i out of the training forward pass's workspace. */
    private static final class Capture extends BaseTrainingListener {
        private final String sName;
        private final String tName;
        private boolean enabled;
        private INDArray s;
        private INDArray t;

        Capture(String sName, String tName) {
            this.sName = sName;
            this.tName = tName;
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            if (enabled) {
                s = activations.get(sName).detach();
                t = activations.get(tName).detach();
            }
        }
    }
}
