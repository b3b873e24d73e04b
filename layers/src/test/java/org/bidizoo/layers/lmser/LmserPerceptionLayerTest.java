package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.bidizoo.layers.DoublePrecision;
import org.bidizoo.layers.lmser.xu.DenseStack;
import org.bidizoo.layers.lmser.xu.Perception;
import org.bidizoo.layers.lmser.xu.PerceptionResult;
import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * {@link LmserLayer}'s perception option (seed 001): the forward pass at the fixed point, the backward
 * pass Xu's local rule; Theorem 1 on weights the rule trained.
 */
@ExtendWith(DoublePrecision.class)
class LmserPerceptionLayerTest {
    @TempDir
    Path tmp;

    private static LmserLayer.Builder xu(int... units) {
        return LmserLayer.builder().denseLevels(units).activation(Activation.SIGMOID).outputActivation(
                Activation.IDENTITY).pairing(Pairing.NET_INPUT).biases(false);
    }

    /** input → lmser → ½‖x − x̂‖² per example (the seed's J⁰), averaged over the minibatch. */
    private static ComputationGraph net(LmserLayer l, int n, IUpdater u, WorkspaceMode ws) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(42).updater(u).weightInit(WeightInit.XAVIER).trainingWorkspaceMode(ws).inferenceWorkspaceMode(ws)
                .graphBuilder().addInputs("in").addLayer("lmser", l, "in")
                .addLayer("loss", new LossLayer.Builder(new LossL2(Nd4j.valueArrayOf(new long[] {1, n}, 0.5)))
                        .activation(Activation.IDENTITY).build(), "lmser")
                .setOutputs("loss").setInputTypes(InputType.feedForward(n)).build());
        g.init();
        return g;
    }

    /** Bars-and-blobs data: each example lights one of 4 random templates, plus noise, in [0, 1]. */
    private static INDArray data(long seed, int b, int n) {
        Nd4j.getRandom().setSeed(seed);
        INDArray templates = Nd4j.rand(DataType.DOUBLE, 4, n).gt(0.6).castTo(DataType.DOUBLE);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, b, n);
        for (int i = 0; i < b; i++) {
            x.getRow(i).assign(templates.getRow(i % 4));
        }
        return x.muli(0.8).addi(Nd4j.rand(DataType.DOUBLE, b, n).muli(0.2));
    }

    @Test
    void oneLevelEqualsTheReflectionLayerAndPassesTheGradientCheck() {
        INDArray x = data(1, 5, 12);
        ComputationGraph ref = net(xu(5).reflections(1).runtime(PassRuntime.SAMEDIFF).build(), 12, new NoOp(),
                WorkspaceMode.ENABLED);
        ComputationGraph per = net(xu(5).perception(1e-12, 50).build(), 12, new NoOp(), WorkspaceMode.ENABLED);
        per.params().assign(ref.params());
        assertTrue(ref.outputSingle(x).equalsWithEps(per.outputSingle(x), 1e-12));
        ref.setInputs(x);
        ref.setLabels(x);
        ref.computeGradientAndScore();
        per.setInputs(x);
        per.setLabels(x);
        per.computeGradientAndScore();
        assertEquals(ref.score(), per.score(), 1e-12);
        assertTrue(ref.gradient().gradient().equalsWithEps(per.gradient().gradient(), 1e-10));
        for (int batch : new int[] {1, 3}) {
            INDArray xb = data(2 + batch, batch, 12);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(per)
                    .inputs(new INDArray[] {xb}).labels(new INDArray[] {xb}).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-9).exitOnFirstError(false)), "minibatch " + batch);
        }
    }

    @Test
    void theLocalRuleTrainsAndTheTrainedWeightsObeyTheorem1() {
        INDArray x = data(3, 32, 16);
        ComputationGraph g = net(xu(10, 6, 4).biases(true).perception(1e-6, 100).build(), 16, new Sgd(0.5),
                WorkspaceMode.ENABLED);
        double before = g.score(new DataSet(x, x));
        for (int i = 0; i < 100; i++) {
            g.fit(new DataSet(x, x));
        }
        double after = g.score(new DataSet(x, x));
        assertTrue(after < 0.5 * before, "J⁰ " + before + " -> " + after);
        PerceptionLmserLayerImpl impl = (PerceptionLmserLayerImpl) g.getLayer("lmser");
        PerceptionResult last = impl.lastPerception();
        assertTrue(last.converged() && last.iterations() >= 1, "last forward: " + last.iterations() + " iterations");
        DenseStack s = LmserStacks.of((LmserLayer) impl.conf().getLayer(), impl.paramTable());
        PerceptionResult r = Perception.discrete(1e-10, 1000).run(s, x, true);
        double[] e = r.energy();
        for (int i = 1; i < e.length; i++) {
            assertTrue(e[i] <= e[i - 1] + 1e-12 * (1 + Math.abs(e[i - 1])), "J_net rose at " + i);
        }
        assertTrue(r.converged() && e[e.length - 1] < e[0], "J_net " + e[0] + " -> " + e[e.length - 1]);
    }

    @Test
    void roundTripsMinibatchesAndWorkspacesAgree() throws IOException {
        LmserLayer l = xu(7, 4).biases(true).perception(1e-9, 80).perceptionStep(0.7).build();
        ComputationGraph g = net(l, 10, new Sgd(0.1), WorkspaceMode.ENABLED);
        INDArray x = data(4, 6, 10);
        g.fit(new DataSet(x, x));
        INDArray expected = g.outputSingle(x);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson());
        LmserLayer l2 = (LmserLayer) ((LayerVertex) back.getVertices().get("lmser")).getLayerConf().getLayer();
        assertEquals(1e-9, l2.getPerceptionTolerance());
        assertEquals(80, l2.getPerceptionMaxIterations());
        assertEquals(0.7, l2.getPerceptionStep());
        ComputationGraph g2 = new ComputationGraph(back);
        g2.init(g.params().dup(), false);
        assertEquals(expected, g2.outputSingle(x));
        File f = tmp.resolve("xu.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph g3 = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(expected, g3.outputSingle(x));
        g.fit(new DataSet(x, x));
        g3.fit(new DataSet(x, x));
        assertEquals(g.params(), g3.params());
        // minibatch 1 gives the rows of minibatch 6; workspaces off gives the same
        assertTrue(g.outputSingle(x.getRow(2, true)).equalsWithEps(g.outputSingle(x).getRow(2, true), 1e-9));
        ComputationGraph noWs = net(l, 10, new Sgd(0.1), WorkspaceMode.NONE);
        noWs.params().assign(g.params());
        noWs.fit(new DataSet(x, x));
        g.fit(new DataSet(x, x));
        assertEquals(g.params(), noWs.params());
    }

    @Test
    void badPerceptionSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> xu(4).perception(-1, 10).build());
        assertEquals("tolerance = -1.0, expected a finite number > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> xu(4).perception(1e-6, 0).build());
        assertEquals("maxIterations = 0, expected >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> xu(4).pairing(Pairing.ACTIVITY).perception(1e-6, 5)
                .build());
        assertEquals("perception: tiedWeights = true, pairedNeurons = true, pairing = ACTIVITY; Xu's neuron"
                + " z = s(y + u) needs tiedWeights = true, pairedNeurons = true and pairing = NET_INPUT", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> xu(4).activation(Activation.RELU).perception(1e-6, 5)
                .build());
        assertEquals("perception: activation = RELU, codeActivation = RELU; expected SIGMOID, TANH or IDENTITY"
                + " (Theorem 1 needs invertible, increasing units)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> xu(4).convLevels(3, 1, 1, 2).perception(1e-6, 5)
                .build());
        assertTrue(e.getMessage().startsWith("perception: level 1 is "), e.getMessage());
    }
}
