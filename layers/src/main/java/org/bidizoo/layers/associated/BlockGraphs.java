package org.bidizoo.layers.associated;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;

/**
 * Cuts an Associated Learning training graph into one graph per block. Block i's graph has
 * inputs {@code [s_{i-1}, t_{i-1}]} (named {@code features, labels} for block 1 and
 * {@code sg_s<i-1>, sg_t<i-1>} after it), block i's layers, stop-gradient and loss vertices with the
 * training graph's configurations, and outputs {@code [loss_fwd<i>, loss_inv<i>]}. Because no
 * gradient crosses a block boundary, training the block graphs on the same inputs is training the
 * whole graph.
 */
final class BlockGraphs {
    private BlockGraphs() {
    }

    /**
     * @param conf the whole training graph's configuration
     * @param i    block (1-based)
     * @return block i's graph configuration
     */
    static ComputationGraphConfiguration conf(ComputationGraphConfiguration conf, int i) {
        String sIn = i == 1 ? AssociatedNames.FEATURES : AssociatedNames.sgS(i - 1);
        String tIn = i == 1 ? AssociatedNames.LABELS : AssociatedNames.sgT(i - 1);
        Set<String> extra = Set.of(AssociatedNames.sgT(i), AssociatedNames.forwardDiff(i), AssociatedNames.inverseDiff(i),
                AssociatedNames.forwardLoss(i), AssociatedNames.inverseLoss(i));
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(conf.getDataType()).graphBuilder().addInputs(sIn, tIn);
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            String name = e.getKey();
            if (AssociatedNames.blockOf(name) == i || extra.contains(name)) {
                List<String> inputs = conf.getVertexInputs().get(name);
                g.addVertex(name, e.getValue().clone(), inputs.toArray(new String[0]));
            }
        }
        return g.setOutputs(AssociatedNames.forwardLoss(i), AssociatedNames.inverseLoss(i)).build();
    }
}
