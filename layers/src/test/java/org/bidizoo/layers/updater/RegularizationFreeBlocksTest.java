package org.bidizoo.layers.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Blocks without regularization skip the empty pass and train exactly as before; regularized blocks stay. */
class RegularizationFreeBlocksTest {

    private static MultiLayerConfiguration conf(double l2OnFirst) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).l2(l2OnFirst)
                        .updater(new Sgd(0.1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    @Test
    void sameTrainingWithAndWithoutThePass() {
        for (double l2 : new double[] {0.0, 0.5}) {
            MultiLayerNetwork plain = new MultiLayerNetwork(conf(l2));
            plain.init();
            MultiLayerNetwork fast = new MultiLayerNetwork(conf(l2));
            fast.init();
            org.nd4j.linalg.api.ndarray.INDArray start = plain.params().dup();
            fast.setParams(start);
            int skipping = RegularizationFreeBlocks.install(fast);
            // blocks: the first layer (Sgd, maybe L2) and the output layer (Adam, never regularized)
            assertEquals(l2 > 0 ? 1 : 2, skipping, "l2 = " + l2);
            DataSet ds = new DataSet(Nd4j.rand(DataType.DOUBLE, 8, 6), Nd4j.rand(DataType.DOUBLE, 8, 3));
            for (int i = 0; i < 5; i++) {
                plain.fit(ds);
                fast.fit(ds);
            }
            assertEquals(0.0, plain.params().sub(fast.params()).amaxNumber().doubleValue(), 0.0, "l2 = " + l2);
            if (l2 > 0) {
                MultiLayerNetwork unregularized = new MultiLayerNetwork(conf(0.0));
                unregularized.init();
                unregularized.setParams(start);
                for (int i = 0; i < 5; i++) {
                    unregularized.fit(ds);
                }
                assertNotEquals(0.0, fast.params().sub(unregularized.params()).amaxNumber().doubleValue(),
                        "the fixture's L2 does change training");
            }
        }
    }

    @Test
    void computationGraphsToo() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(6).nOut(5).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(3)
                        .activation(Activation.IDENTITY).build(), "d")
                .setOutputs("out").build());
        g.init();
        assertEquals(1, RegularizationFreeBlocks.install(g));
        assertEquals(1, RegularizationFreeBlocks.install(g), "installing twice changes nothing");
        for (UpdaterBlock b : ((BaseMultiLayerUpdater<?>) g.getUpdater()).getUpdaterBlocks()) {
            assertInstanceOf(RegularizationFreeBlocks.Skipping.class, b);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegularizationFreeBlocks.install(null));
        assertEquals("model: expected a ComputationGraph or MultiLayerNetwork, got null", e.getMessage());
    }
}
