package org.bidizoo.layers.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Pins DL4J 1.0.0-M2.1's doubled SameDiff gradients and checks that our correction undoes them.
 * If DL4J fixes the doubling, {@code plainSameDiffLayerDoublesGradients} fails: then set
 * {@link GradientCorrection#UPSTREAM_FACTOR} to 1.
 */
class GradientCorrectionTest {

    private static ComputationGraph graph(Layer first) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).seed(1).graphBuilder().addInputs("in")
                .addLayer("d0", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("probe", first, "d0")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "probe")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build());
        g.init();
        return g;
    }

    private static double[] ratios(Layer probe) {
        ComputationGraph sd = graph(probe);
        ComputationGraph ref = graph(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build());
        ref.getLayer("d0").setParams(sd.getLayer("d0").params().dup());
        Map<String, INDArray> p = sd.getLayer("probe").paramTable();
        ref.getLayer("probe").setParam("W", p.get("W").dup());
        ref.getLayer("probe").setParam("b", p.get("b").dup());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 5, 3);
        Gradient gs = gradient(sd, x, y);
        Gradient gr = gradient(ref, x, y);
        double w = gs.getGradientFor("probe_W").sumNumber().doubleValue() / gr.getGradientFor("probe_W").sumNumber().doubleValue();
        double e = gs.getGradientFor("d0_W").norm2Number().doubleValue() / gr.getGradientFor("d0_W").norm2Number().doubleValue();
        return new double[] {w, e};
    }

    private static Gradient gradient(ComputationGraph g, INDArray x, INDArray y) {
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        return g.gradient();
    }

    @Test
    void plainSameDiffLayerDoublesGradients() {
        double[] r = ratios(new DenseProbeLayers.Plain(4, 3));
        assertEquals(GradientCorrection.UPSTREAM_FACTOR, r[0], 1e-9, "parameter gradient ratio of DL4J's SameDiffLayer");
        assertEquals(GradientCorrection.UPSTREAM_FACTOR, r[1], 1e-9, "epsilon passed to the layer below");
    }

    @Test
    void correctedLayerMatchesDenseLayer() {
        double[] r = ratios(new DenseProbeLayers.Corrected(4, 3));
        assertEquals(1.0, r[0], 1e-9);
        assertEquals(1.0, r[1], 1e-9);
    }
}
