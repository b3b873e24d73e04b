package org.bidizoo.zoo.analysis.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LayerActivationsTest {
    /** input (16) -> code (4, tanh) -> two heads: reconstruction (16) and label (3). */
    private static ComputationGraph graph() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("input")
                .addLayer("code", new DenseLayer.Builder().nIn(16).nOut(4).activation(Activation.TANH).build(), "input")
                .addLayer("reconstruction", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(16)
                        .activation(Activation.SIGMOID).build(), "code")
                .addLayer("label", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "code")
                .setOutputs("reconstruction", "label").build());
        g.init();
        return g;
    }

    @Test
    void namesAreTheGraphsInputsAndVerticesInOrder() {
        assertEquals(List.of("input", "code", "reconstruction", "label"), LayerActivations.names(graph()));
    }

    @Test
    void activationsMatchFeedForwardAcrossChunks() {
        ComputationGraph g = graph();
        INDArray x = Nd4j.rand(DataType.FLOAT, 1100, 16);
        Map<String, INDArray> a = LayerActivations.of(g, x, List.of("code", "input"));
        assertEquals(List.of("code", "input"), List.copyOf(a.keySet()));
        assertArrayEquals(new long[] {1100, 4}, a.get("code").shape());
        assertEquals(x, a.get("input").castTo(x.dataType()));
        INDArray direct = g.feedForward(x, false).get("code");
        assertEquals(0, direct.sub(a.get("code")).norm2Number().doubleValue(), 1e-5);
    }
}
