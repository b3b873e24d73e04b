package org.bidizoo.layers.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.bidizoo.layers.DoublePrecision;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.model.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** J(x)ᵀ f(x) on networks we did not build, checked against finite differences of ½‖f(x)‖². */
@ExtendWith(DoublePrecision.class)
class NetworkInverseTest {
    /** Central differences of ½‖f(x_i)‖² for a few coordinates of each example. */
    private static void checkAgainstFiniteDifferences(INDArray x, INDArray inverse, Function<INDArray, INDArray> logits,
                                                      int coords) {
        double h = 1e-5;
        long per = x.length() / x.size(0);
        INDArray flat = x.reshape(x.size(0), per);
        INDArray inv = inverse.reshape(x.size(0), per);
        for (int i = 0; i < x.size(0); i++) {
            for (int c = 0; c < coords; c++) {
                int j = (int) ((c * 7919L + 13) % per);
                INDArray xp = flat.dup();
                xp.putScalar(i, j, xp.getDouble(i, j) + h);
                INDArray xm = flat.dup();
                xm.putScalar(i, j, xm.getDouble(i, j) - h);
                double fp = half(logits.apply(xp.reshape(x.shape())).getRow(i));
                double fm = half(logits.apply(xm.reshape(x.shape())).getRow(i));
                double fd = (fp - fm) / (2 * h);
                assertEquals(fd, inv.getDouble(i, j), 1e-6 * Math.max(1, Math.abs(fd)), "x[" + i + "," + j + "]");
            }
        }
    }

    private static double half(INDArray f) {
        return 0.5 * f.mul(f).sumNumber().doubleValue();
    }

    @Test
    void mlpLogitsInverseMatchesFiniteDifferencesAndLeavesTheNetworkAlone() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .graphBuilder().addInputs("x")
                .addLayer("h", new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").setInputTypes(InputType.feedForward(6)).build());
        g.init();
        INDArray params = g.params().dup();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6);
        INDArray inv = NetworkInverse.invert(g, "out", x);
        assertArrayEquals(x.shape(), inv.shape());
        assertEquals(DataType.DOUBLE, inv.dataType());
        assertEquals(params, g.params());
        INDArray w1 = g.getLayer("h").getParam("W");
        INDArray b1 = g.getLayer("h").getParam("b");
        INDArray w2 = g.getLayer("out").getParam("W");
        INDArray b2 = g.getLayer("out").getParam("b");
        checkAgainstFiniteDifferences(x, inv, in -> org.nd4j.linalg.ops.transforms.Transforms.tanh(in.mmul(w1)
                .addRowVector(b1)).mmul(w2).addRowVector(b2), 6);
        // the hidden layer can be inverted too: f = x W1 + b1, so J^T f = (x W1 + b1) W1^T
        INDArray hid = NetworkInverse.invert(g, "h", x);
        INDArray expected = x.mmul(w1).addRowVector(b1).mmul(w1.transpose());
        assertEquals(0.0, hid.sub(expected).amaxNumber().doubleValue(), 1e-10);
    }

    @Test
    void anotherOutputsBranchIsCutAway() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .graphBuilder().addInputs("x")
                .addLayer("h", new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build(), "x")
                .addLayer("recon", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(6)
                        .activation(Activation.SIGMOID).build(), "h")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("recon", "out").setInputTypes(InputType.feedForward(6)).build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6);
        checkAgainstFiniteDifferences(x, NetworkInverse.invert(g, "out", x), tanhMlpLogits(g), 6);
    }

    /** @return the logits of x → tanh(x W_h + b_h) W_out + b_out with the graph's parameters */
    private static Function<INDArray, INDArray> tanhMlpLogits(ComputationGraph g) {
        INDArray w1 = g.getLayer("h").getParam("W");
        INDArray b1 = g.getLayer("h").getParam("b");
        INDArray w2 = g.getLayer("out").getParam("W");
        INDArray b2 = g.getLayer("out").getParam("b");
        return in -> org.nd4j.linalg.ops.transforms.Transforms.tanh(in.mmul(w1).addRowVector(b1)).mmul(w2)
                .addRowVector(b2);
    }

    @Test
    void lenetFromTheDl4jZoo() {
        MultiLayerNetwork lenet = (MultiLayerNetwork) LeNet.builder().numClasses(10).inputShape(new int[] {1, 28, 28})
                .build().init();
        // LeNet is float; its inverse is checked in double on a double copy
        MultiLayerNetwork net = lenet.convertDataType(DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 28, 28);
        int last = net.getnLayers() - 1;
        INDArray inv = NetworkInverse.invert(net, last, x);
        assertArrayEquals(x.shape(), inv.shape());
        INDArray w = net.getLayer(last).getParam("W");
        INDArray b = net.getLayer(last).getParam("b");
        checkAgainstFiniteDifferences(x, inv, in -> {
            List<INDArray> acts = net.feedForward(in, false);
            return acts.get(last).mmul(w).addRowVector(b); // acts.get(last) = input to layer `last`
        }, 5);
    }

    @Test
    void badLayersAreClearErrors() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "x")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build());
        g.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkInverse.invert(g, "nope", Nd4j.rand(2, 4)));
        assertTrue(e.getMessage().contains("layer 'nope' is not a layer of this graph; its layers are [out]"),
                e.getMessage());
    }
}
