package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bidizoo.datasets.image.FeatureLayout;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every registered model (and every Lmser variant) initialises, runs forward, and takes a training step (its
 * pretraining step for RBMs and deep belief nets, {@code fit} for the others).
 */
class ZooRegistryTest {

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        for (ZooRegistry.Entry e : ZooRegistry.all().values()) {
            if (e.hasVariants()) {
                for (LmserVariant v : LmserVariant.values()) {
                    out.add(Arguments.of(e.name(), v));
                }
            } else {
                out.add(Arguments.of(e.name(), null));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void initialisesRunsAndTrains(String name, LmserVariant variant) {
        BidizooModel m = ZooRegistry.create(name, variant, ModelSettings.builder().build());
        ComputationGraph g = m.init();
        assertEquals(name, m.modelName());
        int b = 3;
        INDArray x = m.featureLayout() == FeatureLayout.FLAT ? Nd4j.rand(DataType.FLOAT, b, 784)
                : Nd4j.rand(DataType.FLOAT, b, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, b, 10);
        y.putScalar(0, 3, 1).putScalar(1, 1, 1).putScalar(2, 7, 1);
        INDArray[] out = m.outputs(g, x);
        assertEquals((m.reconstructs() ? 1 : 0) + (m.classifies() ? 1 : 0), out.length);
        if (m.reconstructs()) {
            assertEquals(784, out[m.reconstructionOutput()].length() / b, "reconstruction size");
        }
        if (m.classifies()) {
            assertArrayEquals(new long[] {b, 10}, out[m.labelOutput()].shape());
            if (!(m instanceof AssociatedZooModel al) || al.isTwin()) {
                assertEquals(b, out[m.labelOutput()].sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
            }
        }
        assertDeclaredShapes(m.inferenceGraph(g), x);
        assertRoundTrips(m, g, x);
        INDArray before = g.params().dup();
        org.bidizoo.zoo.train.TrainingStep.forModel(m).fit(g, List.of(m.trainingBatch(x, y, null)).iterator(), 0);
        assertNotEquals(before, g.params(), "one training step (fit, or the model's pretraining) changes the parameters");
        // the same configuration again gives the same initial parameters (seeded)
        assertEquals(before, ZooRegistry.create(name, variant, ModelSettings.builder().build()).init().params());
    }

    /** Each graph output's size per example is what the configuration declares for it. */
    private static void assertDeclaredShapes(ComputationGraph g, INDArray x) {
        ComputationGraphConfiguration conf = g.getConfiguration();
        InputType in = x.rank() == 2 ? InputType.feedForward(x.size(1))
                : InputType.convolutional(x.size(2), x.size(3), x.size(1));
        Map<String, InputType> types = conf.getLayerActivationTypes(in);
        INDArray[] outs = g.output(false, x);
        List<String> names = conf.getNetworkOutputs();
        for (int o = 0; o < names.size(); o++) {
            // DL4J's LossLayer declares nOut 0 and passes its input through: its input's type is what it outputs
            String declaredBy = conf.getVertices().get(names.get(o)) instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof LossLayer ? conf.getVertexInputs().get(names.get(o)).get(0)
                    : names.get(o);
            assertEquals(types.get(declaredBy).arrayElementsPerExample(), outs[o].length() / x.size(0),
                    "declared size of output " + names.get(o));
        }
    }

    /** The configuration's JSON and a ModelSerializer zip rebuild graphs whose outputs equal the original's. */
    private static void assertRoundTrips(BidizooModel m, ComputationGraph g, INDArray x) {
        INDArray[] expected = m.outputs(g, x);
        ComputationGraph fromJson = new ComputationGraph(ComputationGraphConfiguration.fromJson(
                g.getConfiguration().toJson()));
        fromJson.init(g.params().dup(), true);
        assertArrayEquals(expected, m.outputs(fromJson, x), "outputs after a JSON round trip");
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            ModelSerializer.writeModel(g, bytes, false);
            ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()), false);
            assertArrayEquals(expected, m.outputs(restored, x), "outputs after a ModelSerializer round trip");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void paperModelsHaveThePaperSizes() {
        ModelSettings s = ModelSettings.builder().build();
        // 784*300 + 300*100 + 100*10 weights, biases b: 300+100+10, c: 784+300+100
        assertEquals(266200 + 410 + 1184, LmserDense.paper(s, LmserVariant.UN).init().numParams());
        assertEquals(2 * 266200 + 410 + 1184, LmserDense.paper(s, LmserVariant.AE).init().numParams());
        // conv 3x3: 1*16 + 16*32 + 32*64 + 64*64 = 6672 filters * 9
        long conv = 9L * (16 + 16 * 32 + 32 * 64 + 64 * 64) + (16 + 32 + 64 + 64) + (1 + 16 + 32 + 64);
        assertEquals(conv, LmserConv.paper(s, LmserVariant.UN).init().numParams());
        assertEquals(784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10, FeedForwardBaselines.fcn(s).init().numParams());
    }

    @Test
    void unknownNamesAndVariantsAreClearErrors() {
        ModelSettings s = ModelSettings.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZooRegistry.create("vgg", null, s));
        assertTrue(e.getMessage().contains("model: unknown 'vgg'; expected one of [lmser-dense, lmser-conv, fcn, cnn"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZooRegistry.create("fcn", LmserVariant.UN, s));
        assertTrue(e.getMessage().contains("model 'fcn' has no variants"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LmserVariant.byName("sup2"));
        assertTrue(e.getMessage().contains("variant: unknown 'sup2'; expected one of [un, un-n, ae, sup, sup-n]"), e.getMessage());
        assertEquals(LmserVariant.UN_N, LmserVariant.byName("lmser-un-n"));
        e = assertThrows(IllegalArgumentException.class, () -> ModelSettings.builder().learningRateDecay(1.5).build());
        assertTrue(e.getMessage().contains("learningRateDecay = 1.5, expected in (0, 1]"), e.getMessage());
    }
}
