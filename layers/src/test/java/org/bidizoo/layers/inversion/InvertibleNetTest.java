package org.bidizoo.layers.inversion;

import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertNull;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.stream.Stream;

import org.bidizoo.layers.DoublePrecision;
import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The trainable inverse: equal to {@link NetworkInverse} (one DL4J backward pass through built-in
 * layers holding the same weights) to 1e-6, gradients equal to finite differences, round trips.
 */
@ExtendWith(DoublePrecision.class)
class InvertibleNetTest {
    private static final int SIDE = 9;

    @TempDir
    File dir;

    /** conv-relu-maxpool, conv s2-leaky, residual, dense-sigmoid, dense (9x9 → 9x9 → 4x4 → 2x2 → 5 → 3) */
    static Stream<Arguments> nets() {
        return Stream.of(Arguments.of(InvertibleStep.Pool.MAX, Activation.RELU),
                Arguments.of(InvertibleStep.Pool.MEAN, Activation.LEAKYRELU),
                Arguments.of(InvertibleStep.Pool.MAX, Activation.SIGMOID));
    }

    private static InvertibleNet net(InvertibleStep.Pool pool, Activation a, InversionOutput out) {
        return InvertibleNet.builder().steps(InvertibleStep.conv(3, 3, 1, 1), InvertibleStep.activation(a),
                InvertibleStep.pool(pool, 2), InvertibleStep.conv(4, 3, 2, 1),
                InvertibleStep.activation(Activation.LEAKYRELU), InvertibleStep.residual(3, a),
                InvertibleStep.dense(5), InvertibleStep.activation(Activation.SIGMOID), InvertibleStep.dense(3))
                .output(out).build();
    }

    private static ComputationGraph ours(InvertibleNet layer) {
        return onInput(layer, DataType.DOUBLE);
    }

    /** The same network from DL4J's built-in layers; "out" is the logits' layer. */
    private static ComputationGraph twin(InvertibleStep.Pool pool, Activation a) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(5).updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("c0", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(3)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("a1", new ActivationLayer(a), "c0")
                .addLayer("p2", new SubsamplingLayer.Builder(pool == InvertibleStep.Pool.MAX ? PoolingType.MAX
                        : PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build(), "a1")
                .addLayer("c3", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(4)
                        .activation(Activation.IDENTITY).build(), "p2")
                .addLayer("a4", new ActivationLayer(Activation.LEAKYRELU), "c3")
                .addLayer("r5a", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(4)
                        .activation(a).build(), "a4")
                .addLayer("r5b", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(4)
                        .activation(Activation.IDENTITY).build(), "r5a")
                .addVertex("r5sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a4", "r5b")
                .addLayer("r5", new ActivationLayer(a), "r5sum")
                .addLayer("d6", new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build(), "r5")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "d6")
                .setOutputs("out").setInputTypes(InputType.convolutional(SIDE, SIDE, 1));
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    /** Copies the twin's weights into ours: conv [outC, inC, kH, kW] → [kH, kW, inC, outC]. */
    private static void copyWeights(ComputationGraph twin, ComputationGraph ours) {
        String[][] map = {{"c0", "W0", "b0"}, {"c3", "W3", "b3"}, {"r5a", "W5a", "b5a"}, {"r5b", "W5b", "b5b"},
            {"d6", "W6", "b6"}, {"out", "W8", "b8"}};
        for (String[] m : map) {
            INDArray w = twin.getLayer(m[0]).getParam("W");
            INDArray ourW = w.rank() == 4 ? w.permute(2, 3, 1, 0) : w;
            ours.getLayer("inv").paramTable().get(m[1]).assign(ourW);
            ours.getLayer("inv").paramTable().get(m[2]).assign(twin.getLayer(m[0]).getParam("b").reshape(1, -1));
        }
    }

    @ParameterizedTest(name = "{0} pooling, {1}")
    @MethodSource("nets")
    void reconstructionEqualsNetworkInverseOfBuiltInTwin(InvertibleStep.Pool pool, Activation a) {
        ComputationGraph twin = twin(pool, a);
        Nd4j.getRandom().setSeed(11);
        twin.params().assign(Nd4j.rand(DataType.DOUBLE, twin.params().shape()).subi(0.5));
        ComputationGraph ours = ours(net(pool, a, InversionOutput.BOTH));
        copyWeights(twin, ours);
        for (int batch : new int[] {1, 4}) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 1, SIDE, SIDE);
            INDArray out = ours.outputSingle(x);
            assertArrayEquals(new long[] {batch, 3 + SIDE * SIDE}, out.shape());
            INDArray logits = out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
            INDArray recon = out.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 3 + SIDE * SIDE));
            INDArray twinLogits = twin.feedForward(x, false).get("out");
            INDArray probs = Nd4j.nn().softmax(logits, 1);
            assertTrue(probs.equalsWithEps(twinLogits, 1e-9), "logits differ from the twin's: " + probs + " vs " + twinLogits);
            INDArray want = NetworkInverse.invert(twin, "out", x).reshape(batch, SIDE * SIDE);
            double err = recon.sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue();
            assertTrue(err < 1e-6, pool + " " + a + " batch " + batch + ": relative error " + err);
            assertTrue(want.norm2Number().doubleValue() > 1e-6, "a trivial inverse proves nothing: " + want.norm2Number());
        }
    }

    @ParameterizedTest(name = "{0} pooling, {1}")
    @MethodSource("nets")
    void gradientsMatchFiniteDifferences(InvertibleStep.Pool pool, Activation a) {
        for (int batch : new int[] {1, 3}) {
            ComputationGraph g = ours(net(pool, a, InversionOutput.BOTH));
            Nd4j.getRandom().setSeed(7 + batch);
            g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 1, SIDE, SIDE);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, batch, 3 + SIDE * SIDE);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels}).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-9).exitOnFirstError(false));
            assertTrue(ok, pool + " " + a + ", minibatch " + batch);
        }
    }

    /** A 1x1 convolution in front, so that the epsilon our layer returns reaches a parameter gradient. */
    private static ComputationGraph behindConv(InvertibleNet layer) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("front", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.TANH).build(), "in")
                .addLayer("inv", layer, "front")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "inv")
                .setOutputs("loss").setInputTypes(InputType.convolutional(SIDE, SIDE, 1)).build());
        g.init();
        return g;
    }

    private static InvertibleNet withRuntime(InvertibleStep.Pool pool, Activation a, InversionOutput out,
                                            PassRuntime runtime) {
        InvertibleNet.Builder b = InvertibleNet.builder().steps(InvertibleStep.conv(3, 3, 1, 1),
                InvertibleStep.activation(a), InvertibleStep.pool(pool, 2), InvertibleStep.conv(4, 3, 2, 1),
                InvertibleStep.activation(Activation.LEAKYRELU), InvertibleStep.residual(3, a),
                InvertibleStep.dense(5), InvertibleStep.activation(Activation.SIGMOID), InvertibleStep.dense(3))
                .output(out).runtime(runtime);
        if (out == InversionOutput.ALL) {
            b.layerWeights(0, 0.3, 0.2, 0.5, 0.1, 0.4, 0.7, 0.6, 0.25);
        }
        return b.build();
    }

    static Stream<Arguments> runtimes() {
        return Stream.of(Arguments.of(InvertibleStep.Pool.MAX, Activation.RELU, InversionOutput.BOTH),
                Arguments.of(InvertibleStep.Pool.MEAN, Activation.LEAKYRELU, InversionOutput.ALL),
                Arguments.of(InvertibleStep.Pool.MAX, Activation.SIGMOID, InversionOutput.ALL),
                Arguments.of(InvertibleStep.Pool.MEAN, Activation.IDENTITY, InversionOutput.BOTH),
                Arguments.of(InvertibleStep.Pool.MAX, Activation.RELU, InversionOutput.LOGITS));
    }

    @ParameterizedTest(name = "{0} pooling, {1}, {2}")
    @MethodSource("runtimes")
    void directRuntimeEqualsSameDiffRuntimeInOutputsAndGradients(InvertibleStep.Pool pool, Activation a,
                                                                InversionOutput out) {
        ComputationGraph direct = behindConv(withRuntime(pool, a, out, PassRuntime.DIRECT));
        ComputationGraph ref = behindConv(withRuntime(pool, a, out, PassRuntime.SAMEDIFF));
        assertTrue(direct.getLayer("inv") instanceof InvertibleNetLayer, direct.getLayer("inv").getClass().getName());
        InvertibleNet reloaded = (InvertibleNet) ((org.deeplearning4j.nn.conf.graph.LayerVertex) ComputationGraphConfiguration
                .fromJson(ref.getConfiguration().toJson()).getVertices().get("inv")).getLayerConf().getLayer();
        assertEquals(PassRuntime.SAMEDIFF, reloaded.getRuntime(), "the runtime survives JSON");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleNet.builder()
                .steps(InvertibleStep.dense(3)).runtime(null).build()).getMessage()
                .contains("runtime = null, expected DIRECT or SAMEDIFF"));
        Nd4j.getRandom().setSeed(21);
        direct.params().assign(Nd4j.rand(DataType.DOUBLE, direct.params().shape()).subi(0.5));
        ref.params().assign(direct.params());
        for (int batch : new int[] {1, 4}) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 1, SIDE, SIDE);
            INDArray got = direct.outputSingle(x);
            INDArray want = ref.outputSingle(x);
            assertArrayEquals(want.shape(), got.shape());
            assertTrue(got.equalsWithEps(want, 1e-10), out + " outputs differ: " + got + " vs " + want);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, want.shape());
            for (ComputationGraph g : new ComputationGraph[] {direct, ref}) {
                g.setInputs(x);
                g.setLabels(labels);
                g.computeGradientAndScore();
            }
            assertEquals(ref.score(), direct.score(), 1e-10);
            INDArray gd = direct.gradient().gradient();
            INDArray gr = ref.gradient().gradient();
            double err = gd.sub(gr).norm2Number().doubleValue() / gr.norm2Number().doubleValue();
            assertTrue(err < 1e-9, pool + " " + a + " " + out + " batch " + batch + ": gradient relative error " + err);
            assertTrue(direct.gradient().getGradientFor("front_W").norm2Number().doubleValue() > 0,
                    "the epsilon passed to the layer in front is zero");
        }
    }

    @Test
    void backwardPassWithoutItsTrainingForwardPassRecomputesIt() {
        ComputationGraph g = ours(withRuntime(InvertibleStep.Pool.MAX, Activation.RELU, InversionOutput.BOTH,
                PassRuntime.DIRECT));
        Nd4j.getRandom().setSeed(4);
        g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
        g.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = g.getLayer("inv");
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr
                .noWorkspaces();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, SIDE, SIDE);
        INDArray other = Nd4j.rand(DataType.DOUBLE, 3, 1, SIDE, SIDE);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 3, 3 + SIDE * SIDE);
        layer.setInput(x, mgr);
        layer.activate(true, mgr);
        INDArray dxKept = layer.backpropGradient(eps, mgr).getSecond().dup();
        INDArray gradKept = layer.getGradientsViewArray().dup();
        layer.setInput(other, mgr);
        layer.activate(true, mgr);                        // a kept pass for another input...
        layer.setInput(x, mgr);                           // ...is not used for this one
        INDArray dxOther = layer.backpropGradient(eps, mgr).getSecond();
        assertTrue(dxOther.equalsWithEps(dxKept, 1e-12), "a stale forward pass was reused");
        layer.activate(false, mgr);                       // inference keeps no pass
        INDArray dxRecomputed = layer.backpropGradient(eps, mgr).getSecond();
        assertTrue(dxRecomputed.equalsWithEps(dxKept, 1e-12));
        assertTrue(layer.getGradientsViewArray().equalsWithEps(gradKept, 1e-12));
    }

    /**
     * On the graph's input the layer may skip dL/dx: the parameter gradients stay those of the full backward pass
     * (in float the first convolution's weight gradient then comes from the runtime's one-channel GEMMs), the layer
     * returns no epsilon, InputGradients still gets dL/dx, and the option survives JSON.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void withoutTheInputGradientTheParameterGradientsAreTheSame(DataType dt) {
        ComputationGraph with = onInput(InvertibleNet.builder().steps(net(InvertibleStep.Pool.MAX, Activation.RELU,
                InversionOutput.BOTH).getSteps().toArray(new InvertibleStep[0])).inputGradient(true).build(), dt);
        ComputationGraph without = onInput(InvertibleNet.builder().steps(net(InvertibleStep.Pool.MAX, Activation.RELU,
                InversionOutput.BOTH).getSteps().toArray(new InvertibleStep[0])).inputGradient(false).build(), dt);
        Nd4j.getRandom().setSeed(8);
        with.params().assign(Nd4j.rand(dt, with.params().shape()).subi(0.5));
        without.params().assign(with.params());
        for (int batch : new int[] {1, 5}) {
            INDArray x = Nd4j.rand(dt, batch, 1, SIDE, SIDE);
            INDArray labels = Nd4j.rand(dt, with.outputSingle(x).shape());
            for (ComputationGraph g : new ComputationGraph[] {with, without}) {
                g.setInputs(x);
                g.setLabels(labels);
                g.computeGradientAndScore();
            }
            INDArray gw = with.gradient().gradient().castTo(DataType.DOUBLE);
            INDArray gwo = without.gradient().gradient().castTo(DataType.DOUBLE);
            double err = gw.sub(gwo).norm2Number().doubleValue() / gw.norm2Number().doubleValue();
            assertTrue(err < (dt == DataType.DOUBLE ? 1e-12 : 1e-5), dt + " batch " + batch + ": relative error " + err);

            org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr
                    .noWorkspaces();
            org.deeplearning4j.nn.api.Layer layer = without.getLayer("inv");
            layer.setInput(x, mgr);
            layer.activate(true, mgr);
            assertNull(layer.backpropGradient(Nd4j.rand(dt, labels.shape()), mgr).getSecond(),
                    "no epsilon when the input gradient is off");
            INDArray dxWith = InputGradients.ofLoss(with, x, labels);
            INDArray dxWithout = InputGradients.ofLoss(without, x, labels);
            assertTrue(dxWith.amaxNumber().doubleValue() > 0);
            assertTrue(dxWith.equalsWithEps(dxWithout, dt == DataType.DOUBLE ? 1e-12 : 1e-6),
                    "InputGradients turns the input gradient back on");
        }
        InvertibleNet reloaded = (InvertibleNet) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                ComputationGraphConfiguration.fromJson(without.getConfiguration().toJson()).getVertices().get("inv"))
                .getLayerConf().getLayer();
        assertFalse(reloaded.isInputGradient(), "the option survives JSON");
    }

    private static ComputationGraph onInput(InvertibleNet layer, DataType dt) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(dt).seed(5)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("inv", layer, "in")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "inv")
                .setOutputs("loss").setInputTypes(InputType.convolutional(SIDE, SIDE, 1)).build());
        g.init();
        return g;
    }

    @Test
    void jsonAndModelSerializerRoundTripsKeepOutputs() throws Exception {
        ComputationGraph g = ours(net(InvertibleStep.Pool.MAX, Activation.RELU, InversionOutput.BOTH));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, SIDE, SIDE);
        ComputationGraph fromJson = new ComputationGraph(ComputationGraphConfiguration.fromJson(
                g.getConfiguration().toJson()));
        fromJson.init(g.params().dup(), false);
        assertEquals(g.outputSingle(x), fromJson.outputSingle(x));
        File f = new File(dir, "inv.zip");
        ModelSerializer.writeModel(g, f, false);
        assertEquals(g.outputSingle(x), ModelSerializer.restoreComputationGraph(f, false).outputSingle(x));
    }

    @Test
    void logitsOutputIsTheFirstColumnsOfBoth() {
        ComputationGraph both = ours(net(InvertibleStep.Pool.MEAN, Activation.RELU, InversionOutput.BOTH));
        ComputationGraph logits = ours(net(InvertibleStep.Pool.MEAN, Activation.RELU, InversionOutput.LOGITS));
        logits.params().assign(both.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, SIDE, SIDE);
        assertEquals(both.outputSingle(x).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)), logits.outputSingle(x));
        InvertibleNet l = net(InvertibleStep.Pool.MEAN, Activation.RELU, InversionOutput.LOGITS);
        assertEquals(InputType.feedForward(3), l.getOutputType(0, InputType.convolutional(SIDE, SIDE, 1)));
        assertEquals(9 * 3 + 3 + 9 * 3 * 4 + 4 + 2 * (9 * 16 + 4) + 16 * 5 + 5 + 5 * 3 + 3, logits.numParams());
    }

    @Test
    void badConfigurationsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleNet.builder()
                .steps(InvertibleStep.conv(2, 3, 1, 1)).build()).getMessage()
                .contains("the last step must be dense (it gives the logits f(x)), got conv2k3s1p1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleStep.residual(2, Activation.RELU))
                .getMessage().contains("RESIDUAL step: kernel = 2, expected an odd number >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleStep.activation(Activation.TANH))
                .getMessage().contains("activation = TANH, expected RELU, LEAKYRELU, SIGMOID or IDENTITY"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleStep.maxPool(1))
                .getMessage().contains("POOL step: kernel = 1, expected >= 2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InvertibleShapes.of(
                new long[] {4}, java.util.List.of(InvertibleStep.dense(3), InvertibleStep.maxPool(2),
                        InvertibleStep.dense(2))));
        assertTrue(e.getMessage().contains("step 1 (maxpool2) needs a [C, H, W] input but gets [3]"), e.getMessage());
        assertEquals(java.util.List.of("step 0 (maxpool5) floors [1, 28, 28] to [1, 5, 5]: the last 3 rows and 3"
                + " columns are not pooled, and J(x)^T f(x) is 0 there"), InvertibleShapes.of(new long[] {1, 28, 28},
                java.util.List.of(InvertibleStep.maxPool(5), InvertibleStep.dense(2))).floors());
        assertEquals(java.util.List.of(), InvertibleShapes.of(new long[] {1, 7, 7},
                java.util.List.of(InvertibleStep.maxPool(2), InvertibleStep.dense(2))).floors(), "7 by 2 loses one row");
        assertEquals("inputShape = [-1, 28, 28], expected [C, H, W] or [n] with every size >= 1",
                assertThrows(IllegalArgumentException.class, () -> InvertibleNet.builder().inputShape(-1, 28, 28))
                        .getMessage());
        assertEquals("inputShape = [1, 28], expected [C, H, W] or [n] with every size >= 1",
                assertThrows(IllegalArgumentException.class, () -> InvertibleNet.builder().inputShape(1, 28))
                        .getMessage());
    }

    @Test
    void perLayerLossesOfEq12MatchAHandComputation() {
        InvertibleNet l = InvertibleNet.builder().steps(InvertibleStep.dense(4), InvertibleStep.activation(Activation.RELU),
                InvertibleStep.dense(3)).inputShape(5).output(InversionOutput.ALL).layerWeights(0, 0.3, 0.7).build();
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .updater(new NoOp()).graphBuilder().addInputs("in").addLayer("inv", l, "in")
                .addLayer("loss", new LossLayer.Builder(new LossValue()).activation(Activation.IDENTITY).build(), "inv")
                .setOutputs("loss").setInputTypes(InputType.feedForward(5)).build());
        g.init();
        Nd4j.getRandom().setSeed(3);
        g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5);
        INDArray w0 = g.getLayer("inv").getParam("W0");
        INDArray w2 = g.getLayer("inv").getParam("W2");
        INDArray z1 = x.mmul(w0).addiRowVector(g.getLayer("inv").getParam("b0"));
        INDArray a = org.nd4j.linalg.ops.transforms.Transforms.relu(z1, true);
        INDArray f = a.mmul(w2).addiRowVector(g.getLayer("inv").getParam("b2"));
        INDArray t2 = f.mmul(w2.transpose());
        INDArray t1 = t2.mul(z1.gt(0).castTo(DataType.DOUBLE));
        INDArray r1 = t1.sub(z1).muli(t1.sub(z1)).mean(true, 1);
        INDArray r2 = t2.sub(a).muli(t2.sub(a)).mean(true, 1);
        INDArray out = g.outputSingle(x);
        assertArrayEquals(new long[] {2, 3 + 5 + 1}, out.shape());
        INDArray want = r1.mul(0.3).addi(r2.mul(0.7));
        assertTrue(want.equalsWithEps(out.get(NDArrayIndex.all(), NDArrayIndex.interval(8, 9)), 1e-12),
                want + " vs " + out);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 2, 9)}).epsilon(1e-6)
                .maxRelError(1e-5).minAbsoluteError(1e-9)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleNet.builder()
                .steps(InvertibleStep.dense(3)).output(InversionOutput.ALL).build()).getMessage()
                .contains("per-layer losses need output ALL and layerWeights together"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InvertibleNet.builder()
                .steps(InvertibleStep.dense(3)).output(InversionOutput.ALL).layerWeights(0.5).build()).getMessage()
                .contains("layerWeights[0] = 0.5, expected 0"));
    }

    @Test
    void oneDimensionalStepsEqualNetworkInverseOfBuiltInTwinAndPassGradientChecks() {
        int len = 16;
        InvertibleNet layer = InvertibleNet.builder().steps(InvertibleStep.conv1d(3, 5, 1, 2),
                InvertibleStep.activation(Activation.RELU), InvertibleStep.maxPool1d(2), InvertibleStep.conv1d(4, 3, 2, 1),
                InvertibleStep.activation(Activation.LEAKYRELU), InvertibleStep.residual1d(3, Activation.RELU),
                InvertibleStep.dense(5), InvertibleStep.activation(Activation.SIGMOID), InvertibleStep.dense(3))
                .output(InversionOutput.BOTH).build();
        ComputationGraph ours = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(5).updater(new NoOp()).graphBuilder().addInputs("in").addLayer("inv", layer, "in")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "inv")
                .setOutputs("loss").setInputTypes(InputType.convolutional(1, len, 1)).build());
        ours.init();
        ComputationGraph twin = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(5).updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("c0", new ConvolutionLayer.Builder(1, 5).stride(1, 1).padding(0, 2).nOut(3)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("a1", new ActivationLayer(Activation.RELU), "c0")
                .addLayer("p2", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, 2).stride(1, 2).build(), "a1")
                .addLayer("c3", new ConvolutionLayer.Builder(1, 3).stride(1, 2).padding(0, 1).nOut(4)
                        .activation(Activation.IDENTITY).build(), "p2")
                .addLayer("a4", new ActivationLayer(Activation.LEAKYRELU), "c3")
                .addLayer("r5a", new ConvolutionLayer.Builder(1, 3).stride(1, 1).padding(0, 1).nOut(4)
                        .activation(Activation.RELU).build(), "a4")
                .addLayer("r5b", new ConvolutionLayer.Builder(1, 3).stride(1, 1).padding(0, 1).nOut(4)
                        .activation(Activation.IDENTITY).build(), "r5a")
                .addVertex("r5sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a4", "r5b")
                .addLayer("r5", new ActivationLayer(Activation.RELU), "r5sum")
                .addLayer("d6", new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build(), "r5")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "d6")
                .setOutputs("out").setInputTypes(InputType.convolutional(1, len, 1)).build());
        twin.init();
        Nd4j.getRandom().setSeed(13);
        twin.params().assign(Nd4j.rand(DataType.DOUBLE, twin.params().shape()).subi(0.5));
        copyWeights(twin, ours);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 1, len);
        INDArray recon = ours.outputSingle(x).get(NDArrayIndex.all(), NDArrayIndex.interval(3, 3 + len));
        INDArray want = NetworkInverse.invert(twin, "out", x).reshape(3, len);
        double err = recon.sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue();
        assertTrue(err < 1e-6, "relative error " + err);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(ours)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {Nd4j.rand(DataType.DOUBLE, 3, 3 + len)})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }
}
