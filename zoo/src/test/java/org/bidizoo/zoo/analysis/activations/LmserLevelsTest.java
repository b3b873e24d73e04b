package org.bidizoo.zoo.analysis.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserOutput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Lmser's levels by name: shapes, the top level equal to the layer's own code, the graph untouched. */
class LmserLevelsTest {
    private static ComputationGraph lmser(LmserOutput output) {
        var conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("input").setInputTypes(InputType.feedForward(16))
                .addLayer("lmser", LmserLayer.builder().denseLevels(8, 4).activation(Activation.TANH).output(output)
                        .build(), "input")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "lmser")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void levelsAreNamedAfterTheVertex() {
        assertEquals(List.of("input", "lmser", "lmser/level1", "lmser/level2", "out"),
                LayerActivations.names(lmser(LmserOutput.RECONSTRUCTION)));
        assertEquals("lmser", LmserLevels.vertexOf("lmser/level12"));
        assertEquals(null, LmserLevels.vertexOf("lmser/levelx"));
    }

    @Test
    void topLevelIsTheCodeAndTheGraphIsUntouched() {
        ComputationGraph recon = lmser(LmserOutput.RECONSTRUCTION);
        ComputationGraph code = lmser(LmserOutput.CODE);
        code.params().assign(recon.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 16);
        INDArray before = recon.outputSingle(x);
        INDArray params = recon.params().dup();

        Map<String, INDArray> a = LayerActivations.of(recon, x, List.of("lmser/level2", "lmser/level1", "lmser"));
        assertArrayEquals(new long[] {7, 4}, a.get("lmser/level2").shape());
        assertArrayEquals(new long[] {7, 8}, a.get("lmser/level1").shape());
        INDArray expected = code.feedForward(x, false).get("lmser");
        assertEquals(0, expected.sub(a.get("lmser/level2")).norm2Number().doubleValue(), 1e-10);
        assertTrue(a.get("lmser/level1").amaxNumber().doubleValue() > 0);
        assertEquals(before, recon.outputSingle(x));
        assertEquals(params, recon.params());
    }

    @Test
    void aLevelBeyondTheStackListsTheLevels() {
        var e = assertThrows(IllegalArgumentException.class, () -> LayerActivations.of(
                lmser(LmserOutput.RECONSTRUCTION), Nd4j.rand(DataType.DOUBLE, 2, 16), List.of("lmser/level3")));
        assertEquals("layer 'lmser/level3' is not in the graph; its layers and vertices are [input, lmser,"
                + " lmser/level1, lmser/level2, out]", e.getMessage());
    }
}
