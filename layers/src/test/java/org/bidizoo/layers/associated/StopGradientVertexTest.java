package org.bidizoo.layers.associated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.DoublePrecision;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

@ExtendWith(DoublePrecision.class)
class StopGradientVertexTest {
    @Test
    void outputTypeIsTheInputTypeAndOneInputIsRequired() {
        StopGradientVertex v = new StopGradientVertex();
        InputType conv = InputType.convolutional(5, 4, 3);
        assertEquals(conv, v.getOutputType(0, conv));
        assertEquals(InputType.feedForward(7), v.getOutputType(0, InputType.feedForward(7)));
        InvalidInputTypeException e = assertThrows(InvalidInputTypeException.class,
                () -> v.getOutputType(0, conv, conv));
        assertTrue(e.getMessage().contains("inputs = 2, expected exactly 1"), e.getMessage());
        assertEquals(v, v.clone());
        assertEquals(0, v.numParams(true));
    }

    /** x → dense "a" → sg → dense "b" → out: "a" gets exactly zero gradient, "b" does not, before and after JSON. */
    @Test
    void forwardIsIdentityAndNoGradientCrossesForAnyMinibatch() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).seed(3).graphBuilder().addInputs("x")
                .addLayer("a", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "x")
                .addVertex("sg", new StopGradientVertex(), "a")
                .addLayer("b", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "sg")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "b")
                .setOutputs("out").setInputTypes(InputType.feedForward(3)).build();
        for (ComputationGraphConfiguration c : new ComputationGraphConfiguration[] {conf,
                ComputationGraphConfiguration.fromJson(conf.toJson())}) {
            ComputationGraph g = new ComputationGraph(c);
            g.init();
            for (int b : new int[] {1, 6}) {
                INDArray x = Nd4j.rand(DataType.DOUBLE, b, 3);
                assertTrue(g.feedForward(x, false).get("a").equalsWithEps(g.feedForward(x, false).get("sg"), 0));
                g.setInputs(x);
                g.setLabels(Nd4j.rand(DataType.DOUBLE, b, 2));
                g.computeGradientAndScore();
                assertEquals(0.0, g.gradient().getGradientFor("a_W").amaxNumber().doubleValue());
                assertEquals(0.0, g.gradient().getGradientFor("a_b").amaxNumber().doubleValue());
                assertTrue(g.gradient().getGradientFor("b_W").amaxNumber().doubleValue() > 0);
            }
        }
    }
}
