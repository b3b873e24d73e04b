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
class LossClassBalanceTest {
    private static final ActivationSoftmax SOFTMAX = new ActivationSoftmax();

    @Test
    void balancedBatchesScoreZeroAndOneAbsorbingClassScoresLogC() {
        LossClassBalance l = new LossClassBalance(0.5);
        // rows 0-3 confidently predict classes 0-3: the batch's mean is uniform over the 4 classes
        INDArray spread = Nd4j.eye(4).castTo(DataType.DOUBLE).muli(60);
        assertEquals(0.0, l.computeScore(null, spread, SOFTMAX, null, false), 1e-8);
        // every row predicts class 2: p̄ is one-hot, KL(p̄ || u) = log 4, times 4 rows and the weight
        INDArray same = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        same.getColumn(2).assign(60);
        assertEquals(0.5 * 4 * Math.log(4), l.computeScore(null, same, SOFTMAX, null, false), 1e-6);
        assertEquals(0.5 * Math.log(4), l.computeScore(null, same, SOFTMAX, null, true), 1e-6, "averaged over 4 rows");
        // masking rows 2 and 3 out leaves predictions of classes 0 and 1: p̄ = (1/2, 1/2, 0, 0), KL = log 2 per row
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {1}, {0}, {0}});
        INDArray rows = l.computeScoreArray(null, spread, SOFTMAX, mask);
        assertEquals(0.5 * Math.log(2), rows.getDouble(0), 1e-6);
        assertEquals(0.0, rows.getDouble(3), 0.0, "a masked row has no share");
        assertEquals(0.0, l.computeScore(null, spread, SOFTMAX, Nd4j.zeros(DataType.DOUBLE, 4, 1), false),
                "no row masked in: no loss");
        assertEquals(0.0, l.computeGradient(null, spread, SOFTMAX, Nd4j.zeros(DataType.DOUBLE, 4, 1))
                .amaxNumber().doubleValue());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LossClassBalance(Double.NaN)).getMessage()
                .contains("weight = NaN, expected a finite number >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> l.computeScoreArray(null, spread, SOFTMAX,
                Nd4j.ones(DataType.DOUBLE, 4, 4))).getMessage().contains("one value per example [4, 1]"));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithAMaskAndSurvivesJson() throws Exception {
        for (int batch : new int[] {1, 4}) {
            ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                    .seed(3).updater(new NoOp()).graphBuilder().addInputs("in")
                    .addLayer("d", new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.TANH).build(), "in")
                    .addLayer("b", new LossLayer.Builder(new LossClassBalance(0.7)).activation(Activation.SOFTMAX)
                            .build(), "d")
                    .setOutputs("b").build());
            g.init();
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 5).muli(3);
            INDArray mask = batch == 1 ? Nd4j.ones(DataType.DOUBLE, 1, 1)
                    : Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {1}});
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {Nd4j.zeros(DataType.DOUBLE, batch, 4)})
                    .labelMask(new INDArray[] {mask}).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)),
                    "minibatch " + batch);
            ComputationGraph back = new ComputationGraph(ComputationGraphConfiguration.fromJson(
                    g.getConfiguration().toJson()));
            back.init(g.params().dup(), false);
            assertEquals(new LossClassBalance(0.7), ((LossLayer) back.getLayer("b").conf().getLayer()).getLossFn());
        }
    }
}
