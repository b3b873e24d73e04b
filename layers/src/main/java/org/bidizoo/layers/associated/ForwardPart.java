package org.bidizoo.layers.associated;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * One piece of a block's feature function f_i: a layer, or a small sub-graph such as a residual
 * unit. It adds its vertices to a graph; its output vertex gets the given name and any inner vertex
 * a name that starts with it and {@code _}, so the block that owns it stays readable from the name.
 */
public interface ForwardPart {
    /**
     * @param g        the graph being built
     * @param name     the name of the part's output vertex
     * @param input    the vertex it reads
     * @param override an activation replacing the part's hidden activations (the backprop twin), or null
     * @return {@code name}
     */
    String addTo(ComputationGraphConfiguration.GraphBuilder g, String name, String input, Activation override);
}
