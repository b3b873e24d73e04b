package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bidizoo.layers.DoublePrecision;
import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The autoencoder penalties on the dense Lmser runtime (sparse L1, sparse KL, contractive) and the weights'
 * regularization in the reported score: double-precision gradient checks, the contraction against a Jacobian
 * measured by finite differences, scores, validation and serialization.
 */
@ExtendWith(DoublePrecision.class)
class LmserCodePenaltyTest {
    private static final int N_IN = 6;

    /** A plain autoencoder (DCW and DPN off) of the given levels. */
    private static LmserLayer.Builder ae(int... levels) {
        return LmserLayer.builder().denseLevels(levels).tiedWeights(false).pairedNeurons(false)
                .activation(Activation.TANH).outputActivation(Activation.SIGMOID);
    }

    static Stream<Arguments> penalised() {
        return Stream.of(
                Arguments.of("L1, 3 levels", (Supplier<LmserLayer>) () -> ae(5, 4, 3).codeL1(0.3).build(), 0.0),
                Arguments.of("L1, Lmser(un) with DPN", (Supplier<LmserLayer>) () -> LmserLayer.builder()
                        .denseLevels(5, 3).activation(Activation.TANH).codeL1(0.2).build(), 0.0),
                Arguments.of("L1, output BOTH", (Supplier<LmserLayer>) () -> ae(5, 3).codeL1(0.2)
                        .output(LmserOutput.BOTH).build(), 0.0),
                Arguments.of("KL, sigmoid code", (Supplier<LmserLayer>) () -> ae(5, 4).codeActivation(Activation.SIGMOID)
                        .codeKL(0.1, 0.7).build(), 0.0),
                Arguments.of("contractive sigmoid", (Supplier<LmserLayer>) () -> ae(4).activation(Activation.SIGMOID)
                        .contraction(0.5).build(), 0.0),
                Arguments.of("contractive tanh, tied", (Supplier<LmserLayer>) () -> LmserLayer.builder().denseLevels(4)
                        .activation(Activation.TANH).contraction(0.5).build(), 0.0),
                Arguments.of("all three and L2", (Supplier<LmserLayer>) () -> ae(4).activation(Activation.SIGMOID)
                        .codeL1(0.1).codeKL(0.2, 0.3).contraction(0.4).build(), 0.05));
    }

    private static ComputationGraph graph(LmserLayer layer, double l2, WorkspaceMode ws) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(42)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).trainingWorkspaceMode(ws)
                .inferenceWorkspaceMode(ws);
        if (l2 > 0) {
            b.l2(l2);
        }
        ComputationGraph g = new ComputationGraph(b.graphBuilder().addInputs("in").addLayer("lmser", layer, "in")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "lmser")
                .setOutputs("loss").setInputTypes(InputType.feedForward(N_IN)).build());
        g.init();
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("penalised")
    void gradientsMatchFiniteDifferences(String name, Supplier<LmserLayer> layer, double l2) {
        for (WorkspaceMode ws : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            for (int batch : new int[] {1, 4}) {
                ComputationGraph g = graph(layer.get(), l2, ws);
                Nd4j.getRandom().setSeed(11 + batch);
                g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
                INDArray x = Nd4j.rand(DataType.DOUBLE, batch, N_IN);
                INDArray out = g.outputSingle(x);
                INDArray labels = Nd4j.rand(DataType.DOUBLE, out.shape());
                boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                        .inputs(new INDArray[] {x}).labels(new INDArray[] {labels}).epsilon(1e-6).maxRelError(1e-5)
                        .minAbsoluteError(1e-9).exitOnFirstError(false));
                assertTrue(ok, name + ", minibatch " + batch + ", workspaces " + ws);
            }
        }
    }

    /** λ‖J‖²_F in closed form equals the squared Jacobian measured by central differences of the encoder. */
    @Test
    void contractionIsTheJacobiansSquaredFrobeniusNorm() {
        for (Activation act : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            double lambda = 0.7;
            ComputationGraph with = graph(ae(4).activation(act).contraction(lambda).build(), 0, WorkspaceMode.ENABLED);
            ComputationGraph without = graph(ae(4).activation(act).build(), 0, WorkspaceMode.ENABLED);
            Nd4j.getRandom().setSeed(3);
            with.params().assign(Nd4j.rand(DataType.DOUBLE, with.params().shape()).subi(0.5).muli(2));
            without.params().assign(with.params());
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, N_IN);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 3, N_IN);
            LmserLayerImpl layer = (LmserLayerImpl) with.getLayer("lmser");
            double frob = 0;
            double h = 1e-6;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < N_IN; k++) {
                    INDArray xp = x.getRow(i, true).dup();
                    INDArray xm = xp.dup();
                    xp.putScalar(0, k, xp.getDouble(0, k) + h);
                    xm.putScalar(0, k, xm.getDouble(0, k) - h);
                    INDArray col = layer.encode(xp).sub(layer.encode(xm)).divi(2 * h);
                    frob += col.mul(col).sumNumber().doubleValue();
                }
            }
            double expected = lambda * frob / 3;
            MultiDataSet ds = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
            double penalty = with.score(ds, true) - without.score(ds, true);
            assertEquals(expected, penalty, 1e-7 * Math.max(1, expected), act + ": λ·mean ‖J‖²_F");
            assertEquals(with.score(ds, true), with.score(ds, false), 1e-12, "a test score has the penalty too (as L2)");
        }
    }

    /** L1 and KL scores by hand; L2 on the weights (not the biases) is in the score on both runtimes. */
    @Test
    void scoresAddThePenaltiesAndTheWeightRegularization() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, N_IN);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 5, N_IN);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
        ComputationGraph plain = graph(ae(5, 3).codeActivation(Activation.SIGMOID).build(), 0, WorkspaceMode.ENABLED);
        ComputationGraph l1 = graph(ae(5, 3).codeActivation(Activation.SIGMOID).codeL1(0.3).build(), 0,
                WorkspaceMode.ENABLED);
        ComputationGraph kl = graph(ae(5, 3).codeActivation(Activation.SIGMOID).codeKL(0.05, 2).build(), 0,
                WorkspaceMode.ENABLED);
        l1.params().assign(plain.params());
        kl.params().assign(plain.params());
        INDArray code = ((LmserLayerImpl) plain.getLayer("lmser")).encode(x);
        double base = plain.score(ds, true);
        assertEquals(0.3 * code.norm1Number().doubleValue() / 5, l1.score(ds, true) - base, 1e-10, "L1");
        double klSum = 0;
        for (int j = 0; j < 3; j++) {
            double m = code.getColumn(j).meanNumber().doubleValue();
            klSum += 0.05 * Math.log(0.05 / m) + 0.95 * Math.log(0.95 / (1 - m));
        }
        assertEquals(2 * klSum, kl.score(ds, true) - base, 1e-10, "KL");

        for (PassRuntime rt : PassRuntime.values()) {
            ComputationGraph noReg = graph(ae(5, 3).runtime(rt).build(), 0, WorkspaceMode.ENABLED);
            ComputationGraph reg = graph(ae(5, 3).runtime(rt).build(), 0.01, WorkspaceMode.ENABLED);
            reg.params().assign(noReg.params());
            double weights = 0;
            for (String key : reg.getLayer("lmser").paramTable().keySet()) {
                if (key.startsWith("W") || key.startsWith("V")) {
                    INDArray w = reg.getLayer("lmser").paramTable().get(key);
                    weights += w.mul(w).sumNumber().doubleValue();
                }
            }
            assertTrue(weights > 0);
            assertEquals(0.5 * 0.01 * weights, reg.score(ds, true) - noReg.score(ds, true), 1e-10, "L2, " + rt);
            reg.setInputs(x);
            reg.setLabels(y);
            reg.computeGradientAndScore();
            noReg.setInputs(x);
            noReg.setLabels(y);
            noReg.computeGradientAndScore();
            assertEquals(0.5 * 0.01 * weights, reg.score() - noReg.score(), 1e-10, "L2 in fit's score, " + rt);
        }
    }

    @Test
    void penalisedLayerSurvivesJsonAndModelSerializer() throws IOException {
        ComputationGraph g = graph(ae(4).activation(Activation.SIGMOID).codeL1(0.1).codeKL(0.2, 0.3).contraction(0.4)
                .build(), 0, WorkspaceMode.ENABLED);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.DOUBLE, 3, N_IN)},
                new INDArray[] {Nd4j.rand(DataType.DOUBLE, 3, N_IN)});
        double score = g.score(ds, true);
        ComputationGraph json = new ComputationGraph(ComputationGraphConfiguration.fromJson(
                g.getConfiguration().toJson()));
        json.init(g.params().dup(), true);
        assertEquals(score, json.score(ds, true), 1e-12, "after JSON");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, false);
        ComputationGraph zip = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                false);
        assertEquals(score, zip.score(ds, true), 1e-12, "after ModelSerializer");
        ComputationGraph plain = graph(ae(4).activation(Activation.SIGMOID).build(), 0, WorkspaceMode.ENABLED);
        plain.params().assign(g.params());
        assertNotEquals(plain.score(ds, true), score, "the penalties are in the score");
    }

    @Test
    void badPenaltiesAreClearErrors() {
        assertMessage("codeL1 = -0.1, expected a finite number >= 0", () -> ae(4).codeL1(-0.1).build());
        assertMessage("contraction = NaN, expected a finite number >= 0", () -> ae(4).contraction(Double.NaN).build());
        assertMessage("contraction = -0.5, expected a finite number >= 0", () -> ae(4).contraction(-0.5).build());
        assertMessage("codeKL weight = -1.0, expected a finite number >= 0",
                () -> ae(4).codeActivation(Activation.SIGMOID).codeKL(0.1, -1).build());
        assertMessage("codeKL target = 1.5, expected a mean activation in (0, 1)",
                () -> ae(4).codeActivation(Activation.SIGMOID).codeKL(1.5, 1).build());
        assertMessage("codeKL needs codeActivation SIGMOID (activations in (0, 1)), got TANH",
                () -> ae(4).codeKL(0.1, 1).build());
        assertMessage("contraction = 0.1 is computed in closed form for a one-level encoder with one reflection; got"
                + " 2 levels", () -> ae(4, 3).contraction(0.1).build());
        assertMessage("contraction needs codeActivation SIGMOID or TANH, got RELU",
                () -> ae(4).activation(Activation.RELU).contraction(0.1).build());
        assertMessage("code penalties run on the dense runtime only; got runtime = SAMEDIFF",
                () -> ae(4).runtime(PassRuntime.SAMEDIFF).codeL1(0.1).build());
        assertMessage("code penalties need dense levels", () -> LmserLayer.builder().convLevels(3, 2, 1, 2)
                .codeL1(0.1).build());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
