package org.bidizoo.zoo.analysis.deconv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.transpose.ConvGeometry;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layers between a network's input and one of its convolution layers, read from a DL4J
 * {@link ComputationGraph} (or {@link MultiLayerNetwork}): a single chain of 2-D convolutions (NCHW, no
 * dilation), max-pooling layers and activation layers. Dense layers and everything above the chosen
 * layer are not part of it — a projection starts at the chosen layer's output.
 *
 * <p>The weights are copied when the path is read; later training of the network does not change it.
 */
public final class DeconvPath {
    private final String layer;
    private final List<DeconvStep> steps;
    private final long[] inputShape;

    private DeconvPath(String layer, List<DeconvStep> steps, long[] inputShape) {
        this.layer = layer;
        this.steps = steps;
        this.inputShape = inputShape;
    }

    /**
     * @param net   an initialised network
     * @param layer a convolution layer's index (or its name, if it was given one)
     * @return the path from the input to that layer
     * @throws IllegalArgumentException naming the layer, what it is, and the network's convolution layers
     */
    public static DeconvPath of(MultiLayerNetwork net, String layer) {
        return of(net.toComputationGraph(), layer);
    }

    /**
     * @param graph an initialised single-input graph
     * @param layer a convolution layer's name, or its index in {@code graph.getLayers()}
     * @return the path from the input to that layer
     * @throws IllegalArgumentException naming the layer, what it is, and the graph's convolution layers
     */
    public static DeconvPath of(ComputationGraph graph, String layer) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("the graph has inputs " + conf.getNetworkInputs()
                    + "; expected one image input");
        }
        String name = resolve(graph, layer);
        String input = conf.getNetworkInputs().get(0);
        List<DeconvStep> steps = new ArrayList<>();
        long[] inShape = null;
        String v = name;
        while (!v.equals(input)) {
            GraphVertex gv = conf.getVertices().get(v);
            List<String> ins = conf.getVertexInputs().get(v);
            if (!(gv instanceof LayerVertex lv) || ins == null || ins.size() != 1) {
                throw new IllegalArgumentException("vertex '" + v + "' below layer '" + name + "' is a "
                        + (gv == null ? "missing vertex" : gv.getClass().getSimpleName()) + " with inputs " + ins
                        + "; expected a chain of convolution, max-pooling and activation layers down to the input");
            }
            steps.add(step(graph, v, lv.getLayerConf().getLayer()));
            InputPreProcessor pre = lv.getPreProcessor();
            if (pre != null) {
                if (!(pre instanceof FeedForwardToCnnPreProcessor f) || !ins.get(0).equals(input)) {
                    throw new IllegalArgumentException("layer '" + v + "' has input preprocessor "
                            + pre.getClass().getSimpleName() + "; expected none (or a flat-to-image reshape of the"
                            + " network input)");
                }
                inShape = new long[] {f.getNumChannels(), f.getInputHeight(), f.getInputWidth()};
            }
            v = ins.get(0);
        }
        Collections.reverse(steps);
        return new DeconvPath(name, List.copyOf(steps), inShape);
    }

    /**
     * @param graph a graph
     * @return the names of its 2-D convolution layers, in topological order
     */
    public static List<String> convolutionLayers(ComputationGraph graph) {
        List<String> out = new ArrayList<>();
        for (int i : graph.topologicalSortOrder()) {
            String n = graph.getVertices()[i].getVertexName();
            if (graph.getConfiguration().getVertices().get(n) instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer().getClass() == ConvolutionLayer.class) {
                out.add(n);
            }
        }
        return out;
    }

    private static String resolve(ComputationGraph graph, String layer) {
        List<String> convs = convolutionLayers(graph);
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        String name = layer;
        if (!vertices.containsKey(layer) && layer != null && layer.matches("\\d+")) {
            int i = Integer.parseInt(layer);
            if (i >= graph.getLayers().length) {
                throw new IllegalArgumentException("layer " + layer + ": index out of range; the network has "
                        + graph.getLayers().length + " layers; expected a convolution layer: one of " + convs);
            }
            name = graph.getLayers()[i].conf().getLayer().getLayerName();
        }
        if (!vertices.containsKey(name)) {
            throw new IllegalArgumentException("layer '" + layer + "' is not in the network; expected a convolution"
                    + " layer: one of " + convs);
        }
        if (!convs.contains(name)) {
            GraphVertex gv = vertices.get(name);
            String what = gv instanceof LayerVertex lv ? lv.getLayerConf().getLayer().getClass().getSimpleName()
                    : gv.getClass().getSimpleName();
            throw new IllegalArgumentException("layer '" + layer + "' is a " + what + "; expected a convolution layer:"
                    + " one of " + convs);
        }
        return name;
    }

    private static DeconvStep step(ComputationGraph graph, String name, Layer l) {
        if (l.getClass() == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) l;
            requireNchw(name, c.getCnn2dDataFormat());
            if (c.getDilation()[0] != 1 || c.getDilation()[1] != 1) {
                throw new IllegalArgumentException("layer '" + name + "': dilation "
                        + java.util.Arrays.toString(c.getDilation()) + "; expected [1, 1]");
            }
            org.deeplearning4j.nn.api.Layer impl = graph.getLayer(name);
            INDArray w = impl.getParam("W").permute(2, 3, 1, 0).dup('c');
            INDArray b = c.hasBias() ? impl.getParam("b").reshape(w.size(3)).dup() : null;
            return new DeconvStep.Conv(name, w, b, window(name, c.getConvolutionMode(), c.getKernelSize(),
                    c.getStride(), c.getPadding(), 0), window(name, c.getConvolutionMode(), c.getKernelSize(),
                    c.getStride(), c.getPadding(), 1), activation(name, c.getActivationFn()));
        }
        if (l.getClass() == SubsamplingLayer.class) {
            SubsamplingLayer s = (SubsamplingLayer) l;
            requireNchw(name, s.getCnn2dDataFormat());
            if (s.getPoolingType() != PoolingType.MAX) {
                throw new IllegalArgumentException("layer '" + name + "': " + s.getPoolingType() + " pooling; expected"
                        + " MAX pooling (unpooling needs switches)");
            }
            if (s.getDilation()[0] != 1 || s.getDilation()[1] != 1) {
                throw new IllegalArgumentException("layer '" + name + "': dilation "
                        + java.util.Arrays.toString(s.getDilation()) + "; expected [1, 1]");
            }
            return new DeconvStep.MaxPool(name, window(name, s.getConvolutionMode(), s.getKernelSize(),
                    s.getStride(), s.getPadding(), 0), window(name, s.getConvolutionMode(), s.getKernelSize(),
                    s.getStride(), s.getPadding(), 1));
        }
        if (l instanceof ActivationLayer a) {
            return new DeconvStep.Act(name, activation(name, a.getActivationFn()));
        }
        throw new IllegalArgumentException("layer '" + name + "' is a " + l.getClass().getSimpleName() + "; expected"
                + " only 2-D convolution, max-pooling and activation layers below the projected layer");
    }

    private static void requireNchw(String name, CNN2DFormat f) {
        if (f != null && f != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("layer '" + name + "': data format " + f + "; expected NCHW");
        }
    }

    private static Window window(String name, ConvolutionMode mode, int[] k, int[] s, int[] p, int axis) {
        if (mode == ConvolutionMode.Causal) {
            throw new IllegalArgumentException("layer '" + name + "': convolution mode Causal; expected Truncate,"
                    + " Strict or Same");
        }
        boolean same = mode == ConvolutionMode.Same;
        return new Window(new ConvGeometry(k[axis], s[axis], same ? 0 : p[axis]), same);
    }

    private static Activation activation(String name, IActivation a) {
        if (a instanceof ActivationReLU) {
            return Activation.RELU;
        }
        if (a instanceof ActivationIdentity) {
            return Activation.IDENTITY;
        }
        if (a instanceof ActivationTanH) {
            return Activation.TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        if (a instanceof ActivationSoftPlus) {
            return Activation.SOFTPLUS;
        }
        if (a instanceof ActivationELU e && e.getAlpha() == 1.0) {
            return Activation.ELU;
        }
        if (a instanceof ActivationLReLU r && r.getAlpha() == org.bidizoo.layers.samediff.SdActivations.LEAKY_ALPHA) {
            return Activation.LEAKYRELU;
        }
        throw new IllegalArgumentException("layer '" + name + "': activation " + a + "; expected relu, identity, tanh,"
                + " sigmoid, softplus, elu (alpha 1) or leakyrelu (alpha "
                + org.bidizoo.layers.samediff.SdActivations.LEAKY_ALPHA + ")");
    }

    /** @return the projected layer's name */
    public String layer() {
        return layer;
    }

    /** @return the steps from the input up to and including the projected layer */
    public List<DeconvStep> steps() {
        return steps;
    }

    /** @return the projected layer */
    public DeconvStep.Conv top() {
        return (DeconvStep.Conv) steps.get(steps.size() - 1);
    }

    /** @return {@code [C, H, W]} of a flat input the network reshapes itself, or null if it takes images */
    public long[] flatInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }
}
