package org.bidizoo.layers.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.PretrainParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.bidizoo.layers.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The RBM layer as a DL4J layer: validation, output types, the supervised forward/backward (gradient check in
 * double, against DenseLayer), serialization, and DL4J's pretraining hook.
 */
@ExtendWith(DoublePrecision.class)
class RbmLayerTest {

    private static ComputationGraph graph(RbmLayer rbm, int nIn, DataType dt, WorkspaceMode ws, boolean front) {
        var b = new NeuralNetConfiguration.Builder().dataType(dt).seed(3).updater(front ? new NoOp() : new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).graphBuilder()
                .addInputs("in");
        String below = "in";
        if (front) {
            b.addLayer("front", new DenseLayer.Builder().nOut(nIn).activation(Activation.TANH).build(), "in");
            below = "front";
        }
        b.addLayer("rbm", rbm, below);
        b.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                .activation(Activation.IDENTITY).build(), "rbm");
        ComputationGraph g = new ComputationGraph(b.setOutputs("out").setInputTypes(InputType.feedForward(nIn))
                .build());
        g.init();
        return g;
    }

    @Test
    void builderNamesBadValues() {
        assertEquals("k = 0, expected >= 1 Gibbs steps per update", assertThrows(IllegalArgumentException.class,
                () -> RbmLayer.builder().nOut(3).k(0).build()).getMessage());
        assertEquals("sigma = -1.0, expected a positive finite number", assertThrows(IllegalArgumentException.class,
                () -> RbmLayer.builder().nOut(3).visibleUnits(VisibleUnits.GAUSSIAN).sigma(-1).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmLayer.builder().nOut(3).sigma(0.5).build())
                .getMessage().startsWith("sigma = 0.5 is for Gaussian visible units"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmLayer.builder().nOut(3)
                .activation(Activation.RELU).build()).getMessage().contains("their mean is the sigmoid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmLayer.builder().nOut(0).build())
                .getMessage().startsWith("nIn = 0, nOut = 0"));
    }

    @Test
    void outputTypesAndFlattenedConvolutionalInput() {
        RbmLayer hidden = RbmLayer.builder().nIn(12).nOut(5).build();
        assertEquals(InputType.feedForward(5), hidden.getOutputType(0, InputType.feedForward(12)));
        RbmLayer recon = RbmLayer.builder().nIn(12).nOut(5).output(RbmOutput.RECONSTRUCTION).build();
        assertEquals(InputType.feedForward(12), recon.getOutputType(0, InputType.feedForward(12)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> hidden.getOutputType(0,
                InputType.recurrent(12))).getMessage().contains("expected feed-forward"));
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("rbm", RbmLayer.builder().nOut(4).output(RbmOutput.RECONSTRUCTION).build(), "in")
                .setOutputs("rbm").setInputTypes(InputType.convolutional(3, 4, 1)).build());
        g.init();
        assertEquals(12 * 4 + 4 + 12, g.numParams());
        assertArrayEquals(new long[] {2, 12}, g.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 1, 3, 4)).shape());
    }

    @Test
    void hiddenMeanPassesGradientChecksForBothUnitKindsBatchSizesAndWorkspaceModes() {
        for (VisibleUnits u : VisibleUnits.values()) {
            for (int batch : new int[] {1, 4}) {
                for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
                    RbmLayer rbm = RbmLayer.builder().nOut(3).visibleUnits(u)
                            .sigma(u == VisibleUnits.GAUSSIAN ? 0.7 : 1.0).build();
                    ComputationGraph g = graph(rbm, 5, DataType.DOUBLE, ws, true);
                    Nd4j.getRandom().setSeed(11 + batch);
                    g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5).muli(2));
                    INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 5);
                    INDArray y = Nd4j.rand(DataType.DOUBLE, batch, 2);
                    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                            .inputs(new INDArray[] {x}).labels(new INDArray[] {y}).epsilon(1e-6).maxRelError(1e-5)
                            .minAbsoluteError(1e-9).exitOnFirstError(false));
                    assertTrue(ok, u + ", minibatch " + batch + ", workspaces " + ws);
                }
            }
        }
    }

    @Test
    void equalsDenseSigmoidTwinInOutputsAndAfterFitSteps() {
        for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            ComputationGraph ours = graph(RbmLayer.builder().nOut(4).build(), 6, DataType.DOUBLE, ws, false);
            ComputationGraph twin = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                    .seed(3).updater(new Sgd(0.1)).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws).graphBuilder()
                    .addInputs("in")
                    .addLayer("dense", new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.SIGMOID).build(),
                            "in")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                            .activation(Activation.IDENTITY).build(), "dense")
                    .setOutputs("out").build());
            twin.init();
            copy(ours, twin);
            INDArray vb = ours.getLayer("rbm").getParam(PretrainParamInitializer.VISIBLE_BIAS_KEY).dup();
            for (int step = 0; step < 3; step++) {
                INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 6);
                INDArray y = Nd4j.rand(DataType.DOUBLE, 5, 2);
                assertTrue(ours.outputSingle(x).equalsWithEps(twin.outputSingle(x), 1e-12), "outputs, " + ws);
                ours.fit(new DataSet(x, y));
                twin.fit(new DataSet(x, y));
            }
            assertTrue(ours.getLayer("rbm").getParam("W").equalsWithEps(twin.getLayer("dense").getParam("W"), 1e-12));
            assertTrue(ours.getLayer("rbm").getParam("b").equalsWithEps(twin.getLayer("dense").getParam("b"), 1e-12));
            assertEquals(vb, ours.getLayer("rbm").getParam(PretrainParamInitializer.VISIBLE_BIAS_KEY),
                    "backprop leaves the visible bias alone");
        }
    }

    private static void copy(ComputationGraph ours, ComputationGraph twin) {
        twin.getLayer("dense").setParam("W", ours.getLayer("rbm").getParam("W"));
        twin.getLayer("dense").setParam("b", ours.getLayer("rbm").getParam("b"));
        twin.getLayer("out").setParam("W", ours.getLayer("out").getParam("W"));
        twin.getLayer("out").setParam("b", ours.getLayer("out").getParam("b"));
    }

    @Test
    void jsonAndModelSerializerRoundTripsKeepEveryOption() throws IOException {
        RbmLayer rbm = RbmLayer.builder().nOut(3).k(4).persistent(true).visibleUnits(VisibleUnits.GAUSSIAN).sigma(0.4)
                .output(RbmOutput.RECONSTRUCTION).build();
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("in").addLayer("rbm", rbm, "in").setOutputs("rbm")
                .setInputTypes(InputType.feedForward(7)).build());
        g.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 7);
        INDArray expected = g.outputSingle(x);
        String json = g.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        RbmLayer r = (RbmLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("rbm"))
                .getLayerConf().getLayer();
        assertEquals(4, r.getK());
        assertTrue(r.isPersistent());
        assertEquals(VisibleUnits.GAUSSIAN, r.getVisibleUnits());
        assertEquals(0.4, r.getSigma());
        assertEquals(RbmOutput.RECONSTRUCTION, r.getOutput());
        assertEquals(g.getConfiguration(), back);
        ComputationGraph fromJson = new ComputationGraph(back);
        fromJson.init(g.params().dup(), true);
        assertEquals(expected, fromJson.outputSingle(x));
        for (int batch : new int[] {1, 3}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(g, bytes, true);
            ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                    new ByteArrayInputStream(bytes.toByteArray()), true);
            INDArray xb = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, batch),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertEquals(g.outputSingle(xb), restored.outputSingle(xb), "minibatch " + batch);
        }
    }

    @Test
    void reconstructionOutputIsTheMeanFieldReconstructionAndRefusesBackprop() {
        for (VisibleUnits u : VisibleUnits.values()) {
            double sigma = u == VisibleUnits.GAUSSIAN ? 0.5 : 1.0;
            ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                    .seed(4).graphBuilder().addInputs("in")
                    .addLayer("rbm", RbmLayer.builder().nOut(3).visibleUnits(u).sigma(sigma)
                            .output(RbmOutput.RECONSTRUCTION).build(), "in")
                    .addLayer("loss", new org.deeplearning4j.nn.conf.layers.LossLayer.Builder(
                            LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "rbm")
                    .setOutputs("loss").setInputTypes(InputType.feedForward(5)).build());
            g.init();
            g.getLayer("rbm").getParam("vb").assign(Nd4j.rand(DataType.DOUBLE, 1, 5));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5);
            Rbm rbm = ((RbmLayerImpl) g.getLayer("rbm")).rbm();
            assertTrue(rbm.visibleMean(rbm.hiddenMean(x)).equalsWithEps(g.outputSingle(x), 1e-12), u.toString());
            assertTrue(assertThrows(UnsupportedOperationException.class, () -> g.fit(new DataSet(x, x))).getMessage()
                    .contains("trained by contrastive divergence"));
        }
    }

    @Test
    void dl4jPretrainLayerRunsContrastiveDivergenceWithTheLayersUpdater() {
        for (boolean persistent : new boolean[] {false, true}) {
            RbmLayer rbm = RbmLayer.builder().nOut(4).k(2).persistent(persistent).updater(new Nesterovs(0.05, 0.5))
                    .l2(1e-3).build();
            ComputationGraph g = graph(rbm, 6, DataType.FLOAT, WorkspaceMode.ENABLED, false);
            java.util.Map<String, INDArray> before = new java.util.HashMap<>();
            g.getLayer("rbm").paramTable().forEach((k, v) -> before.put(k, v.dup()));
            INDArray outBefore = g.getLayer("out").params().dup();
            INDArray x = Nd4j.rand(DataType.FLOAT, 8, 6).gt(0.5).castTo(DataType.FLOAT);
            g.pretrainLayer("rbm", new ListDataSetIterator<>(List.of(new DataSet(x, Nd4j.zeros(8, 2)),
                    new DataSet(x, Nd4j.zeros(8, 2))), 8));
            RbmLayerImpl l = (RbmLayerImpl) g.getLayer("rbm");
            for (String p : List.of("W", "b", "vb")) {
                assertNotEquals(before.get(p), l.getParam(p), "pretraining moves " + p);
            }
            assertEquals(outBefore, g.getLayer("out").params(), "pretraining one layer leaves the others alone");
            assertTrue(Double.isFinite(l.score()) && l.score() > 0, "score: reconstruction error " + l.score());
        }
    }

    /** One CD-1 step of the layer from its initial parameters on fixed data and a fixed sampling seed. */
    private static Map<String, INDArray> oneStep(RbmLayer rbm, INDArray x) {
        ComputationGraph g = graph(rbm, 6, DataType.DOUBLE, WorkspaceMode.ENABLED, false);
        Map<String, INDArray> out = new HashMap<>();
        g.getLayer("rbm").paramTable().forEach((k, v) -> out.put(k + "0", v.dup()));
        Nd4j.getRandom().setSeed(11);
        g.pretrainLayer("rbm", new ListDataSetIterator<>(List.of(new DataSet(x, Nd4j.zeros(DataType.DOUBLE, 8, 2))),
                8));
        g.getLayer("rbm").paramTable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    @Test
    void weightDecayAndMomentumActOnTheContrastiveDivergenceStep() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 6).gt(0.5).castTo(DataType.DOUBLE);
        Map<String, INDArray> plain = oneStep(RbmLayer.builder().nOut(4).updater(new Sgd(0.1)).build(), x);
        // weight decay: DL4J's L2 adds λW to the CD gradient before the update, so ΔW changes by −lr·λ·W0 exactly
        Map<String, INDArray> decayed = oneStep(RbmLayer.builder().nOut(4).updater(new Sgd(0.1)).l2(0.5).build(), x);
        assertEquals(plain.get("W0"), decayed.get("W0"), "the same initial weights");
        INDArray expected = plain.get("W").sub(plain.get("W0").mul(0.1 * 0.5));
        assertTrue(expected.equalsWithEps(decayed.get("W"), 1e-10), "W after weight decay: " + decayed.get("W")
                + " expected " + expected);
        assertTrue(plain.get("b").equalsWithEps(decayed.get("b"), 1e-12), "no decay on the hidden bias");
        // momentum: Nesterov's first step from zero velocity is (1 + μ) times the plain step
        Map<String, INDArray> nesterov = oneStep(RbmLayer.builder().nOut(4).updater(new Nesterovs(0.1, 0.9)).build(),
                x);
        INDArray plainStep = plain.get("W").sub(plain.get("W0"));
        INDArray momentumStep = nesterov.get("W").sub(nesterov.get("W0"));
        assertTrue(plainStep.norm2Number().doubleValue() > 1e-6, "the CD step moved W: " + plainStep);
        assertTrue(plainStep.mul(1.9).equalsWithEps(momentumStep, 1e-10), "Nesterov step " + momentumStep
                + " against 1.9 × the SGD step " + plainStep);
    }
}
