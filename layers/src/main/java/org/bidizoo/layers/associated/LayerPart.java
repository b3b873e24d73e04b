package org.bidizoo.layers.associated;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** A single DL4J layer as part of f_i (cloned when added; dense and convolution layers take the override). */
final class LayerPart implements ForwardPart {
    private final Layer layer;

    LayerPart(Layer layer) {
        this.layer = layer;
    }

    @Override
    public String addTo(ComputationGraphConfiguration.GraphBuilder g, String name, String input, Activation override) {
        Layer l = layer.clone();
        if (override != null && (l instanceof DenseLayer || l instanceof ConvolutionLayer)) {
            ((BaseLayer) l).setActivationFn(override.getActivationFunction());
        }
        l.setLayerName(name);
        g.addLayer(name, l, input);
        return name;
    }

    @Override
    public String toString() {
        return layer.getClass().getSimpleName();
    }
}
