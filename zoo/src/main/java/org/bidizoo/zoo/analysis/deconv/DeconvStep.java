package org.bidizoo.zoo.analysis.deconv;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One layer of the chain a projection passes through: a convolution with its activation, max pooling, or an activation. */
public sealed interface DeconvStep permits DeconvStep.Conv, DeconvStep.MaxPool, DeconvStep.Act {
    /** @return the DL4J layer's name */
    String name();

    /**
     * A convolution layer: {@code a(conv(x, W) + b)}.
     *
     * @param name       layer name
     * @param weights    {@code [kH, kW, inC, outC]} (DL4J's {@code [outC, inC, kH, kW]} permuted)
     * @param bias       {@code [outC]}, or null
     * @param height     window along the height
     * @param width      window along the width
     * @param activation the layer's activation
     */
    record Conv(String name, INDArray weights, INDArray bias, Window height, Window width, Activation activation)
            implements DeconvStep {
        /** @return output channels (feature maps) */
        public int maps() {
            return (int) weights.size(3);
        }
    }

    /**
     * A max-pooling layer.
     *
     * @param name   layer name
     * @param height window along the height
     * @param width  window along the width
     */
    record MaxPool(String name, Window height, Window width) implements DeconvStep {
    }

    /**
     * An activation layer.
     *
     * @param name       layer name
     * @param activation its activation
     */
    record Act(String name, Activation activation) implements DeconvStep {
    }
}
