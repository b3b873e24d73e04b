package org.bidizoo.layers.associated;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * ResNet's basic unit (He et al.) as part of f_i, {@code [b, c_in, h, w] → [b, channels, h/stride, w/stride]}:
 * {@code a(BN(conv3×3(a(BN(conv3×3_stride(x))))) + shortcut(x))}, the shortcut the identity or, when
 * the stride or the channels change, BN(conv1×1_stride(x)). Inner vertices are {@code <name>_c1},
 * {@code _n1}, {@code _c2}, {@code _n2}, {@code _sc}, {@code _scn}, {@code _add}.
 */
public final class ResidualUnit implements ForwardPart {
    private final int channels;
    private final int stride;
    private final boolean project;
    private final Activation activation;

    /**
     * @param channels   output channels, {@code >= 1}
     * @param stride     stride of the first convolution and the shortcut, {@code >= 1}
     * @param project    whether the shortcut is a 1×1 convolution (needed when stride or channels change)
     * @param activation a (ELU in AL's f_i)
     */
    public ResidualUnit(int channels, int stride, boolean project, Activation activation) {
        if (channels < 1 || stride < 1) {
            throw new IllegalArgumentException("residual unit: channels = " + channels + ", stride = " + stride
                    + ", expected both >= 1");
        }
        if (stride > 1 && !project) {
            throw new IllegalArgumentException("residual unit: stride = " + stride
                    + " needs a projection shortcut (project = true)");
        }
        this.channels = channels;
        this.stride = stride;
        this.project = project;
        this.activation = activation;
    }

    @Override
    public String addTo(ComputationGraphConfiguration.GraphBuilder g, String name, String input, Activation override) {
        Activation a = override == null ? activation : override;
        g.addLayer(name + "_c1", conv(3, stride), input);
        g.addLayer(name + "_n1", new BatchNormalization.Builder().activation(a).build(), name + "_c1");
        g.addLayer(name + "_c2", conv(3, 1), name + "_n1");
        g.addLayer(name + "_n2", new BatchNormalization.Builder().build(), name + "_c2");
        String shortcut = input;
        if (project) {
            g.addLayer(name + "_sc", conv(1, stride), input);
            g.addLayer(name + "_scn", new BatchNormalization.Builder().build(), name + "_sc");
            shortcut = name + "_scn";
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_n2", shortcut);
        g.addLayer(name, new ActivationLayer.Builder().activation(a).build(), name + "_add");
        return name;
    }

    private ConvolutionLayer conv(int k, int s) {
        return new ConvolutionLayer.Builder(k, k).stride(s, s).nOut(channels).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.IDENTITY).build();
    }

    @Override
    public String toString() {
        return "ResidualUnit(" + channels + ", stride " + stride + ")";
    }
}
