package org.bidizoo.layers.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

@ExtendWith(DoublePrecision.class)
class LossEntropyTest {
    @Test
    void uniformPredictionsHaveEntropyLogCAndMaskedRowsCountZero() {
        LossEntropy l = new LossEntropy(0.5);
        INDArray pre = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        pre.putRow(2, Nd4j.createFromArray(50.0, 0, 0, 0));
        INDArray s = l.computeScoreArray(null, pre, new ActivationSoftmax(), null);
        assertEquals(0.5 * Math.log(4), s.getDouble(0), 1e-12);
        assertEquals(0.0, s.getDouble(2), 1e-8, "a confident prediction has no entropy");
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
        assertEquals(0.5 * Math.log(4) / 3, l.computeScore(null, pre, new ActivationSoftmax(), mask, true), 1e-8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LossEntropy(-1)).getMessage()
                .contains("weight = -1.0, expected a finite number >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> l.computeScoreArray(null, pre,
                new ActivationSoftmax(), Nd4j.ones(DataType.DOUBLE, 3, 4))).getMessage().contains("one value per example"));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithAMask() throws Exception {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(3).updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("e", new LossLayer.Builder(new LossEntropy(0.7)).activation(Activation.SOFTMAX).build(), "d")
                .setOutputs("e").build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 5).muli(3);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {1}});
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 4, 4)})
                .labelMask(new INDArray[] {mask}).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
        ComputationGraph back = new ComputationGraph(ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson()));
        back.init(g.params().dup(), false);
        assertEquals(new LossEntropy(0.7), ((LossLayer) back.getLayer("e").conf().getLayer()).getLossFn());
    }
}
