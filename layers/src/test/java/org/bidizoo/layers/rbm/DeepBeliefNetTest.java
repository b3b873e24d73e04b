package org.bidizoo.layers.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Greedy stacking with DL4J's pretrain, generation, filters. */
class DeepBeliefNetTest {

    private static ComputationGraph dbn() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(8)
                .updater(new Nesterovs(0.1, 0.5)).graphBuilder().addInputs("in")
                .addLayer("rbm1", RbmLayer.builder().nOut(6).build(), "in")
                .addLayer("rbm2", RbmLayer.builder().nOut(4).build(), "rbm1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "rbm2")
                .setOutputs("out").setInputTypes(InputType.feedForward(10)).build());
        g.init();
        return g;
    }

    @Test
    void dl4jPretrainTrainsEveryRbmBottomUpAndSamplesHaveThePixelShape() {
        ComputationGraph g = dbn();
        INDArray w1 = g.getLayer("rbm1").getParam("W").dup();
        INDArray w2 = g.getLayer("rbm2").getParam("W").dup();
        INDArray out = g.getLayer("out").params().dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 10).gt(0.5).castTo(DataType.FLOAT);
        g.pretrain(new ListDataSetIterator<>(List.of(new DataSet(x, Nd4j.zeros(DataType.FLOAT, 16, 2))), 16));
        assertTrue(!w1.equals(g.getLayer("rbm1").getParam("W")) && !w2.equals(g.getLayer("rbm2").getParam("W")));
        assertEquals(out, g.getLayer("out").params(), "pretrain leaves the output layer alone");
        List<RbmLayerImpl> rbms = DeepBeliefNet.layers(g, List.of("rbm1", "rbm2"));
        INDArray fromNoise = DeepBeliefNet.sample(rbms, null, 5, 10);
        assertArrayEquals(new long[] {5, 10}, fromNoise.shape());
        assertTrue(fromNoise.minNumber().doubleValue() >= 0 && fromNoise.maxNumber().doubleValue() <= 1);
        assertArrayEquals(new long[] {3, 10}, DeepBeliefNet.sample(rbms, x.getRows(0, 1, 2), 0, 2).shape());
        INDArray f = DeepBeliefNet.filters(rbms.get(0).rbm());
        assertArrayEquals(new long[] {6, 10}, f.shape());
        assertEquals(0.0, f.minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, f.maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void layersThatAreNotAChainOfRbmsAreNamed() {
        ComputationGraph g = dbn();
        assertEquals("layer 'out': OutputLayer, expected an RBM layer", assertThrows(IllegalArgumentException.class,
                () -> DeepBeliefNet.layers(g, List.of("rbm1", "out"))).getMessage());
        assertEquals("layer 'rbm1' has 10 visible units, but the RBM below it has 4 hidden units",
                assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.layers(g, List.of("rbm2", "rbm1")))
                        .getMessage());
        assertEquals("gibbsSteps = 0, expected >= 1", assertThrows(IllegalArgumentException.class,
                () -> DeepBeliefNet.sample(DeepBeliefNet.layers(g, List.of("rbm1")), null, 1, 0)).getMessage());
    }

    @Test
    void reconstructionIsTheMeanFieldUpDownPass() {
        ComputationGraph g = dbn();
        List<RbmLayerImpl> rbms = DeepBeliefNet.layers(g, List.of("rbm1", "rbm2"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 10);
        Rbm r1 = rbms.get(0).rbm();
        Rbm r2 = rbms.get(1).rbm();
        INDArray expected = r1.visibleMean(r2.visibleMean(r2.hiddenMean(r1.hiddenMean(x))));
        INDArray recon = DeepBeliefNet.reconstruct(rbms, x);
        assertTrue(expected.equalsWithEps(recon, 1e-6), recon + " vs " + expected);
        assertEquals(List.of(5L, 10L), java.util.Arrays.stream(recon.shape()).boxed().toList());
        // one RBM: the layer's own mean-field reconstruction
        assertTrue(r1.visibleMean(r1.hiddenMean(x)).equalsWithEps(DeepBeliefNet.reconstruct(rbms.subList(0, 1), x),
                1e-6));
        assertEquals("x: shape [5, 9], expected [n, 10]", assertThrows(IllegalArgumentException.class,
                () -> DeepBeliefNet.reconstruct(rbms, Nd4j.rand(5, 9))).getMessage());
    }
}
