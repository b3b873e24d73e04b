package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.bidizoo.layers.inversion.InputGradients;
import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hand-written dense runtime (reused per-step arrays, fused loops) computes exactly what the
 * SameDiff definition does: outputs, every gradient (with a layer in front, so dL/dx is checked through
 * that layer's gradients) and parameters after several Adam steps, in float as well as double, with
 * workspaces on and off, across changing minibatch sizes; and the input gradient it may skip.
 */
class LmserRuntimeEquivalenceTest {

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("paper r1", b()),
                Arguments.of("r3 net-input", b().reflections(3).pairing(Pairing.NET_INPUT)),
                Arguments.of("untied no-dpn", b().tiedWeights(false).pairedNeurons(false)),
                Arguments.of("both, identity code", b().output(LmserOutput.BOTH).codeActivation(Activation.IDENTITY)),
                Arguments.of("code r2", b().output(LmserOutput.CODE).reflections(2)),
                Arguments.of("tanh, no biases", b().activation(Activation.TANH).biases(false)),
                Arguments.of("r2 net-input both leaky", b().reflections(2).pairing(Pairing.NET_INPUT)
                        .activation(Activation.LEAKYRELU).output(LmserOutput.BOTH)),
                Arguments.of("r3 sigmoid hidden, identity out", b().reflections(3).activation(Activation.SIGMOID)
                        .outputActivation(Activation.IDENTITY)),
                Arguments.of("elu, untied", b().activation(Activation.ELU).tiedWeights(false)),
                Arguments.of("softplus, tanh code, code r2", b().activation(Activation.SOFTPLUS)
                        .codeActivation(Activation.TANH).output(LmserOutput.CODE).reflections(2)),
                Arguments.of("one level", LmserLayer.builder().denseLevels(12)));
    }

    /** Convolutional stacks on a 10×10 input: 10 → 5 (the transposed convolution cropped) → 3 (exact). */
    static Stream<Arguments> convConfigs() {
        return Stream.of(
                Arguments.of("conv r1", c()),
                Arguments.of("conv r2 net-input, dense top", c().level(LmserLevel.dense(6)).reflections(2)
                        .pairing(Pairing.NET_INPUT)),
                Arguments.of("conv untied, no biases, both", c().tiedWeights(false).biases(false)
                        .output(LmserOutput.BOTH)),
                Arguments.of("conv code r2 tanh", c().output(LmserOutput.CODE).reflections(2)
                        .activation(Activation.TANH)),
                Arguments.of("conv r3 leaky, dense top, both", c().level(LmserLevel.dense(4)).reflections(3)
                        .activation(Activation.LEAKYRELU).output(LmserOutput.BOTH)),
                Arguments.of("conv k2 s2 no dpn", LmserLayer.builder().convLevels(2, 2, 0, 3, 4).pairedNeurons(false)));
    }

    private static LmserLayer.Builder c() {
        return LmserLayer.builder().convLevels(3, 2, 1, 4, 5);
    }

    private static LmserLayer.Builder b() {
        return LmserLayer.builder().denseLevels(30, 20, 10);
    }

    /** in → dense(40 → 40, tanh) → lmser → MSE. */
    private static ComputationGraph graph(LmserLayer lmser, DataType dt, WorkspaceMode ws) {
        return graph(lmser, dt, ws, false);
    }

    /** in → dense(40 → 40, tanh) or conv(3×3, 2 channels, tanh) on [b, 1, 10, 10] → lmser → MSE. */
    private static ComputationGraph graph(LmserLayer lmser, DataType dt, WorkspaceMode ws, boolean conv) {
        Layer front = conv
                ? new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(2).activation(Activation.TANH).build()
                : new DenseLayer.Builder().nOut(40).activation(Activation.TANH).build();
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(dt).seed(42)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).trainingWorkspaceMode(ws)
                .inferenceWorkspaceMode(ws).graphBuilder().addInputs("in")
                .addLayer("front", front, "in")
                .addLayer("lmser", lmser, "front")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "lmser")
                .setOutputs("loss").setInputTypes(conv ? InputType.convolutional(10, 10, 1)
                        : InputType.feedForward(40)).build());
        g.init();
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void equalsTheSameDiffDefinitionThroughALayerInFront(String name, LmserLayer.Builder builder) {
        assertEqualToReference(name, builder, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convConfigs")
    void convolutionalStacksEqualTheSameDiffDefinition(String name, LmserLayer.Builder builder) {
        assertEqualToReference(name, builder, true);
    }

    private static void assertEqualToReference(String name, LmserLayer.Builder builder, boolean conv) {
        // double with workspaces on and off; float (the fused loops' other memory type) with workspaces on
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (WorkspaceMode ws : dt == DataType.DOUBLE
                    ? new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE} : new WorkspaceMode[] {
                    WorkspaceMode.ENABLED}) {
                // float: relative differences of order 1e-6 from summation order, amplified by Adam's first steps
                double tol = dt == DataType.DOUBLE ? 1e-10 : 2e-4;
                String what = name + ", " + dt + ", workspaces " + ws;
                ComputationGraph fast = graph(builder.runtime(PassRuntime.DIRECT).build(), dt, ws, conv);
                ComputationGraph ref = graph(builder.runtime(PassRuntime.SAMEDIFF).build(), dt, ws, conv);
                assertInstanceOf(LmserLayerImpl.class, fast.getLayer("lmser"));
                fast.params().assign(Nd4j.rand(dt, fast.params().shape()).subi(0.5).muli(0.4));
                ref.params().assign(fast.params());
                for (int batch : new int[] {7, 1, 7}) {
                    INDArray x = conv ? Nd4j.rand(dt, batch, 1, 10, 10) : Nd4j.rand(dt, batch, 40);
                    INDArray out = fast.outputSingle(x);
                    INDArray y = Nd4j.rand(dt, out.shape());
                    assertClose(ref.outputSingle(x), out, tol, what + " output, batch " + batch);
                    fast.setInputs(x);
                    fast.setLabels(y);
                    fast.computeGradientAndScore();
                    ref.setInputs(x);
                    ref.setLabels(y);
                    ref.computeGradientAndScore();
                    assertClose(ref.getGradientsViewArray(), fast.getGradientsViewArray(), tol,
                            what + " gradients (incl. the front layer's), batch " + batch);
                }
                for (int i = 0; i < 6; i++) {
                    int b = i % 2 == 0 ? 5 : 3;
                    INDArray x = conv ? Nd4j.rand(dt, b, 1, 10, 10) : Nd4j.rand(dt, b, 40);
                    DataSet ds = new DataSet(x, Nd4j.rand(dt, fast.outputSingle(x).shape()));
                    fast.fit(ds);
                    ref.fit(ds);
                }
                // Adam divides by sqrt(v): rounding differences in near-zero gradient elements grow (double: ~1e-9)
                assertClose(ref.params(), fast.params(), dt == DataType.DOUBLE ? 1e-8 : 2e-3,
                        what + " after 6 Adam steps");
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertEquals(0.0, expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber()
                .doubleValue(), tol * scale, what);
    }

    @Test
    void withoutTheInputGradientTheParameterGradientsAndTrainingAreTheSame() {
        LmserLayer.Builder b = b().reflections(2);
        ComputationGraph with = LmserNets.withMse(b.inputGradient(true).build(), InputType.feedForward(40),
                new Adam(1e-2), DataType.DOUBLE);
        ComputationGraph without = LmserNets.withMse(b.inputGradient(false).build(), InputType.feedForward(40),
                new Adam(1e-2), DataType.DOUBLE);
        without.params().assign(with.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 40);
        DataSet ds = new DataSet(x, Nd4j.rand(DataType.DOUBLE, 6, 40));
        for (int i = 0; i < 4; i++) {
            with.fit(ds);
            without.fit(ds);
        }
        assertEquals(0.0, with.params().sub(without.params()).amaxNumber().doubleValue(), 1e-14);

        LmserLayerImpl layer = (LmserLayerImpl) without.getLayer("lmser");
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
        assertNull(layer.backpropGradient(Nd4j.rand(DataType.DOUBLE, 6, 40), LayerWorkspaceMgr.noWorkspaces())
                .getSecond(), "no epsilon when the input gradient is off");

        // code that reads the input gradient turns it on for its call
        INDArray gWith = InputGradients.ofLoss(with, x, ds.getLabels());
        INDArray gWithout = InputGradients.ofLoss(without, x, ds.getLabels());
        assertTrue(gWith.amaxNumber().doubleValue() > 0);
        assertEquals(0.0, gWith.sub(gWithout).amaxNumber().doubleValue(), 1e-14);
    }

    /**
     * A conv stack on the graph's one-channel input with the input gradient off: its first level's transposed
     * convolution and weight gradient take the runtime's one-channel GEMM path (float), and still equal the
     * SameDiff definition, which computes every gradient.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convConfigs")
    void aConvStackOnTheInputWithoutItsGradientEqualsTheSameDiffDefinition(String name, LmserLayer.Builder builder) {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tol = dt == DataType.DOUBLE ? 1e-10 : 2e-4;
            InputType in = InputType.convolutional(10, 10, 1);
            ComputationGraph fast = LmserNets.withMse(builder.runtime(PassRuntime.DIRECT).inputGradient(false).build(),
                    in, new Adam(1e-2), dt);
            ComputationGraph ref = LmserNets.withMse(builder.runtime(PassRuntime.SAMEDIFF).inputGradient(true).build(),
                    in, new Adam(1e-2), dt);
            builder.inputGradient(true);
            fast.params().assign(Nd4j.rand(dt, fast.params().shape()).subi(0.5).muli(0.4));
            ref.params().assign(fast.params());
            for (int batch : new int[] {1, 6}) {
                INDArray x = Nd4j.rand(dt, batch, 1, 10, 10);
                INDArray y = Nd4j.rand(dt, fast.outputSingle(x).shape());
                for (ComputationGraph g : new ComputationGraph[] {fast, ref}) {
                    g.setInputs(x);
                    g.setLabels(y);
                    g.computeGradientAndScore();
                }
                assertClose(ref.getGradientsViewArray(), fast.getGradientsViewArray(), tol,
                        name + ", " + dt + " gradients, batch " + batch);
            }
            for (int i = 0; i < 4; i++) {
                INDArray x = Nd4j.rand(dt, 5, 1, 10, 10);
                DataSet ds = new DataSet(x, Nd4j.rand(dt, fast.outputSingle(x).shape()));
                fast.fit(ds);
                ref.fit(ds);
            }
            assertClose(ref.params(), fast.params(), dt == DataType.DOUBLE ? 1e-8 : 2e-3, name + ", " + dt
                    + " after 4 Adam steps");
        }
    }

    @Test
    void theInputGradientOptionSurvivesJson() {
        LmserLayer l = b().inputGradient(false).nIn(40).build();
        ComputationGraph g = LmserNets.withMse(l, InputType.feedForward(40));
        ComputationGraph back = new ComputationGraph(
                org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson()));
        back.init();
        LmserLayer conf = (LmserLayer) ((LmserLayerImpl) back.getLayer("lmser")).layerConf();
        assertEquals(false, conf.isInputGradient());
    }
}
