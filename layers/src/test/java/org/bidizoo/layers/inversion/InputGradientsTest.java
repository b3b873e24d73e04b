package org.bidizoo.layers.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class InputGradientsTest {

    @Test
    void inputGradientMatchesFiniteDifferences() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .graphBuilder().addInputs("x")
                .addLayer("h", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4);
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 1}});
        INDArray params = g.params().dup();
        INDArray grad = InputGradients.ofLoss(g, x, y);
        assertArrayEquals(x.shape(), grad.shape());
        assertEquals(params, g.params(), "parameters unchanged");
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                INDArray xp = x.dup();
                xp.putScalar(i, j, x.getDouble(i, j) + h);
                INDArray xm = x.dup();
                xm.putScalar(i, j, x.getDouble(i, j) - h);
                double sp = score(g, xp, y);
                double sm = score(g, xm, y);
                // DL4J's score is the mean over the minibatch
                assertEquals((sp - sm) / (2 * h), grad.getDouble(i, j) / 2, 1e-6, "d/dx[" + i + "," + j + "]");
            }
        }
    }

    private static double score(ComputationGraph g, INDArray x, INDArray y) {
        return g.score(new org.nd4j.linalg.dataset.DataSet(x, y));
    }
}
