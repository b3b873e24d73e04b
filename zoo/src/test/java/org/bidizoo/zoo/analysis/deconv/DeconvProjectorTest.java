package org.bidizoo.zoo.analysis.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The projection against DL4J's own backpropagation: the gradient of one unit with respect to the input,
 * through convolutions with padding (symmetric and DL4J's asymmetric Same mode), strides, ReLUs and
 * max pooling (plain and overlapping). A wrong filter orientation or a wrong switch changes the result.
 */
class DeconvProjectorTest {
    private static final int TOP = 4;

    /** conv 3x3 pad 1 relu, pool 2, conv 3x3 stride 2 Same (asymmetric padding) relu, pool 2 stride 1, conv 2x2 relu, dense, softmax. */
    static MultiLayerNetwork net(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(5)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(16, 16, 2)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.setParams(n.params().add(Nd4j.randn(DataType.DOUBLE, n.params().shape()).muli(0.05))); // non-zero biases
        return n;
    }

    /** DL4J's backpropagation, layer by layer: d(Σ signal·output of layer top)/dx. */
    static INDArray dl4jGradient(MultiLayerNetwork n, INDArray x, int top, INDArray signal) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray h = x;
        for (int i = 0; i <= top; i++) {
            Layer l = n.getLayer(i);
            l.setInput(h, mgr);
            h = l.activate(true, mgr);
        }
        INDArray eps = signal.dup();
        for (int i = top; i >= 0; i--) {
            eps = n.getLayer(i).backpropGradient(eps, mgr).getSecond();
        }
        return eps;
    }

    /** A one-hot signal per example at its strongest unit of {@code map}. */
    private static INDArray unitSignal(INDArray out, int map) {
        INDArray s = DeconvProjector.mapSignal(out, map, true);
        return s.gt(0).castTo(DataType.DOUBLE);
    }

    @Test
    void forwardPassEqualsDl4jsActivationsAtEveryLayer() {
        MultiLayerNetwork n = net(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 16, 16);
        DeconvPath path = DeconvPath.of(n, String.valueOf(TOP));
        assertEquals(5, path.steps().size());
        DeconvProjector.Trace t = new DeconvProjector(path, BackwardRule.BACKPROP).forward(x);
        List<INDArray> acts = n.feedForward(x, false);
        assertEquals(List.of(3L, 3L, 2L, 2L), List.of(t.output().size(1), t.output().size(0), t.output().size(2),
                t.output().size(3)));
        assertTrue(acts.get(TOP + 1).equalsWithEps(t.output(), 1e-12), "layer " + TOP);
    }

    @Test
    void backpropRuleProjectionOfAUnitIsItsGradientWithRespectToTheInput() {
        MultiLayerNetwork n = net(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 16, 16).subi(0.3);
        DeconvProjector p = new DeconvProjector(DeconvPath.of(n, String.valueOf(TOP)), BackwardRule.BACKPROP);
        for (int map = 0; map < 3; map++) {
            DeconvProjector.Trace t = p.forward(x);
            INDArray signal = unitSignal(t.output(), map);
            INDArray projection = p.project(t, signal);
            INDArray gradient = dl4jGradient(n, x, TOP, signal);
            assertTrue(gradient.amaxNumber().doubleValue() > 1e-3, "a unit that responds");
            assertTrue(gradient.equalsWithEps(projection, 1e-10), "map " + map + ": " + gradient.sub(projection)
                    .amaxNumber());
        }
    }

    @Test
    void deconvnetRuleEqualsTheGradientWhereEveryReluPassesItsSignal() {
        // non-negative weights, biases and input: every pre-activation and every signal going down is positive,
        // so ReLU on the signal and ReLU's derivative both pass it; what remains are filters and switches
        MultiLayerNetwork n = net(3);
        n.setParams(Transforms.abs(n.params(), true));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 16, 16);
        DeconvProjector p = new DeconvProjector(DeconvPath.of(n, String.valueOf(TOP)), BackwardRule.DECONVNET);
        DeconvProjector.Trace t = p.forward(x);
        INDArray signal = DeconvProjector.mapSignal(t.output(), 1, false);
        assertTrue(dl4jGradient(n, x, TOP, signal).equalsWithEps(p.project(t, signal), 1e-10));
        // and at the pooled conv layer below
        DeconvProjector p2 = new DeconvProjector(DeconvPath.of(n, "2"), BackwardRule.DECONVNET);
        DeconvProjector.Trace t2 = p2.forward(x);
        INDArray s2 = DeconvProjector.mapSignal(t2.output(), 4, false);
        assertTrue(dl4jGradient(n, x, 2, s2).equalsWithEps(p2.project(t2, s2), 1e-10));
    }

    @Test
    void deconvnetRuleRectifiesTheSignalInsteadOfMaskingIt() {
        MultiLayerNetwork n = net(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 16, 16).subi(0.3);
        DeconvPath path = DeconvPath.of(n, String.valueOf(TOP));
        DeconvProjector.Trace t = new DeconvProjector(path, BackwardRule.DECONVNET).forward(x);
        INDArray signal = DeconvProjector.mapSignal(t.output(), 0, true);
        INDArray deconv = new DeconvProjector(path, BackwardRule.DECONVNET).project(t, signal);
        INDArray grad = new DeconvProjector(path, BackwardRule.BACKPROP).project(t, signal);
        INDArray guided = new DeconvProjector(path, BackwardRule.GUIDED).project(t, signal);
        assertFalse(deconv.equalsWithEps(grad, 1e-6));
        assertFalse(guided.equalsWithEps(grad, 1e-6));
    }

    @Test
    void oneUnitOfTheFirstLayerProjectsToItsActivationTimesItsFilter() {
        MultiLayerNetwork n = net(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 16, 16);
        DeconvPath path = DeconvPath.of(n, "0");
        DeconvProjector p = new DeconvProjector(path, BackwardRule.DECONVNET);
        DeconvProjector.Trace t = p.forward(x);
        INDArray signal = Nd4j.zeros(DataType.DOUBLE, t.output().shape());
        double a = 0.7;
        signal.putScalar(new long[] {0, 2, 5, 9}, a); // unit at (5, 9) of map 2: its window starts at (4, 8) (padding 1)
        INDArray proj = p.project(t, signal);
        INDArray w = path.top().weights(); // [kH, kW, inC, outC]
        for (int c = 0; c < 2; c++) {
            for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                    assertEquals(a * w.getDouble(u, v, c, 2), proj.getDouble(0, c, 4 + u, 8 + v), 1e-12);
                }
            }
        }
        assertEquals(Math.abs(a) * Transforms.abs(w.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2))).sumNumber().doubleValue(),
                Transforms.abs(proj).sumNumber().doubleValue(), 1e-12);
    }
}
