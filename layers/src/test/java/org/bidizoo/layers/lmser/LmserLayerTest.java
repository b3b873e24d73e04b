package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class LmserLayerTest {
    @TempDir
    Path tmp;

    private static LmserLayer conv(LmserOutput out) {
        return LmserLayer.builder().convLevels(3, 2, 1, 4, 8).denseLevels(6).reflections(2).output(out)
                .pairing(Pairing.NET_INPUT).codeActivation(Activation.IDENTITY).build();
    }

    @Test
    void outputShapesMatchOutputTypesForEveryMode() {
        // 1x28x28 -> 4x14x14 -> 8x7x7 -> 6
        for (LmserOutput mode : LmserOutput.values()) {
            ComputationGraph g = LmserNets.withMse(conv(mode), InputType.convolutional(28, 28, 1));
            InputType t = g.getConfiguration().getLayerActivationTypes(InputType.convolutional(28, 28, 1)).get("lmser");
            for (int batch : new int[] {1, 5}) {
                INDArray out = g.feedForward(Nd4j.rand(DataType.DOUBLE, batch, 1, 28, 28), false).get("lmser");
                long[] expected = mode == LmserOutput.RECONSTRUCTION ? new long[] {batch, 1, 28, 28}
                        : mode == LmserOutput.CODE ? new long[] {batch, 6}
                        : mode == LmserOutput.HIDDEN ? new long[] {batch, 4 * 14 * 14 + 8 * 7 * 7 + 6}
                        : new long[] {batch, 784 + 6};
                assertArrayEquals(expected, out.shape(), mode + ", batch " + batch);
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1, expected.length),
                        java.util.Arrays.copyOfRange(t.getShape(true), 1, expected.length), mode + " output type");
            }
        }
    }

    @Test
    void denseLayerTakesImagesThroughAPreprocessorAndFlatInputsDirectly() {
        LmserLayer l = LmserLayer.builder().denseLevels(30, 10).build();
        ComputationGraph g = LmserNets.withMse(l, InputType.convolutionalFlat(28, 28, 1));
        assertArrayEquals(new long[] {2, 784}, g.outputSingle(Nd4j.rand(DataType.DOUBLE, 2, 784)).shape());
        ComputationGraph g2 = LmserNets.withMse(LmserLayer.builder().denseLevels(30, 10).build(),
                InputType.convolutional(28, 28, 1));
        assertArrayEquals(new long[] {2, 784}, g2.outputSingle(Nd4j.rand(DataType.DOUBLE, 2, 1, 28, 28)).shape());
        ComputationGraph g3 = LmserNets.withMse(LmserLayer.builder().convLevels(3, 2, 1, 4).build(),
                InputType.convolutionalFlat(28, 28, 1));
        assertEquals(784, g3.outputSingle(Nd4j.rand(DataType.DOUBLE, 2, 784)).length() / 2);
    }

    @Test
    void jsonAndModelSerializerRoundTripsGiveTheSameOutputs() throws IOException {
        ComputationGraph g = LmserNets.withMse(conv(LmserOutput.BOTH), InputType.convolutional(28, 28, 1), new Adam(1e-3),
                DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        g.fit(new org.nd4j.linalg.dataset.DataSet(x, Nd4j.rand(DataType.FLOAT, 3, 790)));
        INDArray expected = g.outputSingle(x);

        String json = g.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        ComputationGraph g2 = new ComputationGraph(back);
        g2.init(g.params().dup(), false);
        assertEquals(expected, g2.outputSingle(x));
        LmserLayer l2 = (LmserLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("lmser"))
                .getLayerConf().getLayer();
        assertEquals(Pairing.NET_INPUT, l2.getPairing());
        assertEquals(2, l2.getReflections());
        assertEquals(Activation.IDENTITY, l2.getCodeActivation());

        File f = tmp.resolve("lmser.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph g3 = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(expected, g3.outputSingle(x));
        // the updater state came back too: one more identical step gives identical parameters
        org.nd4j.linalg.dataset.DataSet ds = new org.nd4j.linalg.dataset.DataSet(x, Nd4j.ones(DataType.FLOAT, 3, 790));
        g.fit(ds);
        g3.fit(ds);
        assertEquals(g.params(), g3.params());
    }

    @Test
    void badConfigurationsAreRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LmserLayer.builder().build());
        assertTrue(e.getMessage().contains("levels: an Lmser stack needs at least one level"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> LmserLayer.builder().denseLevels(3).reflections(0).build());
        assertTrue(e.getMessage().contains("reflections = 0, expected >= 1"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> LmserLayer.builder().denseLevels(3).reflections(2).pairedNeurons(false).build());
        assertTrue(e.getMessage().contains("reflections = 2 needs pairedNeurons = true"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> LmserLayer.builder().denseLevels(3).activation(Activation.SWISH).build());
        assertTrue(e.getMessage().contains("activation = SWISH is not supported; expected one of"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> LmserLayer.builder().convLevels(3, 2, 1, 4).nIn(784).build());
        assertTrue(e.getMessage().contains("nIn = 784 is a flat input but level 0 (conv(4, k=3, s=2, p=1)) is convolutional"),
                e.getMessage());

        // conv level on flat input (from the graph's input type)
        RuntimeException r = assertThrows(RuntimeException.class, () -> LmserNets.withMse(
                LmserLayer.builder().convLevels(3, 2, 1, 4).build(), InputType.feedForward(784)));
        assertTrue(causeMessage(r).contains("is convolutional but the input type is flat"), causeMessage(r));

        // conv after dense
        r = assertThrows(RuntimeException.class, () -> LmserNets.withMse(LmserLayer.builder().denseLevels(10)
                .level(LmserLevel.conv(2, 3, 1, 0)).build(), InputType.feedForward(784)));
        assertTrue(causeMessage(r).contains("level 1 (conv(2, k=3, s=1, p=0)) is convolutional but its input is the flat"
                + " output of dense level 0; convolutional levels must come first"), causeMessage(r));

        // kernel larger than input
        r = assertThrows(RuntimeException.class, () -> LmserNets.withMse(
                LmserLayer.builder().convLevels(9, 1, 0, 4).build(), InputType.convolutional(5, 5, 1)));
        assertTrue(causeMessage(r).contains("kernel 9 is larger than its padded input 5x5"), causeMessage(r));

        // an input type the layer cannot take
        r = assertThrows(RuntimeException.class, () -> LmserNets.withMse(LmserLayer.builder().denseLevels(3).build(),
                InputType.recurrent(4)));
        assertTrue(causeMessage(r).contains("is not supported; expected feed-forward or convolutional"), causeMessage(r));
    }

    @Test
    void mismatchedInputArrayIsAClearError() {
        ComputationGraph g = LmserNets.withMse(LmserLayer.builder().denseLevels(5).build(), InputType.feedForward(8));
        RuntimeException e = assertThrows(RuntimeException.class, () -> g.outputSingle(Nd4j.rand(DataType.DOUBLE, 2, 7)));
        assertTrue(causeMessage(e).contains("input of shape [2, 7] does not match the configured input [batch, 8]"),
                causeMessage(e));
    }

    @Test
    void standaloneConfigurationWithoutInputTypes() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in")
                .addLayer("lmser", LmserLayer.builder().nIn(8).denseLevels(5, 2).output(LmserOutput.CODE).build(), "in")
                .setOutputs("lmser").build());
        g.init();
        assertArrayEquals(new long[] {1, 2}, g.outputSingle(Nd4j.rand(DataType.DOUBLE, 1, 8)).shape());
        assertEquals(8 * 5 + 5 + 8 + 5 * 2 + 2 + 5, g.numParams());
    }

    static String causeMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void hiddenOutputConcatenatesEveryLevelAndEndsWithTheCode() {
        LmserLayer.Builder b = LmserLayer.builder().convLevels(3, 2, 1, 2, 3).denseLevels(4);
        ComputationGraph hidden = LmserNets.withMse(b.output(LmserOutput.HIDDEN).build(), InputType.convolutional(7, 7, 1));
        ComputationGraph code = LmserNets.withMse(b.output(LmserOutput.CODE).build(), InputType.convolutional(7, 7, 1));
        code.params().assign(hidden.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 7, 7);
        INDArray h = hidden.outputSingle(x);
        // 2x4x4 + 3x2x2 + 4 units
        assertArrayEquals(new long[] {2, 32 + 12 + 4}, h.shape());
        assertEquals(code.outputSingle(x), h.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(44, 48)));
        assertEquals(InputType.feedForward(48), b.output(LmserOutput.HIDDEN).build()
                .getOutputType(0, InputType.convolutional(7, 7, 1)));
    }
}
