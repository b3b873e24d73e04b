package org.bidizoo.layers.runtime;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of a hand-written layer runtime and the backward pass that reuses its arrays. A
 * pass object serves one input; {@link PassCache} keeps it between DL4J's forward and backward calls.
 */
public interface LayerPass {
    /**
     * @param x        the layer input {@code [b, ...]}
     * @param training whether this is a training pass (a backward pass may follow)
     * @return the layer output, a new array
     */
    INDArray forward(INDArray x, boolean training);

    /**
     * @param epsilon dL/d(output)
     * @param grads   gradient arrays keyed as the parameters, overwritten
     * @return dL/dx, the input's shape; null if the pass was made without it ({@link InputGradientSwitch})
     */
    INDArray backward(INDArray epsilon, Map<String, INDArray> grads);
}
