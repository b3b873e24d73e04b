package org.bidizoo.layers.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.DoublePrecision;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/** ½‖ŷ − y‖² equals DL4J's LossL2 with weights 0.5, on the fused path and on the op path, and trains by gradient check. */
@ExtendWith(DoublePrecision.class)
class LossHalfSquaredErrorTest {
    private final LossHalfSquaredError loss = new LossHalfSquaredError();

    @Test
    void equalsLossL2WithHalfWeightsOnEveryPath() {
        Nd4j.getRandom().setSeed(11);
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tol = dt == DataType.FLOAT ? 1e-5 : 1e-12;
            int b = 6;
            int n = 9;
            LossL2 reference = new LossL2(Nd4j.valueArrayOf(new long[] {1, n}, 0.5).castTo(dt));
            INDArray labels = Nd4j.rand(dt, b, n);
            INDArray pre = Nd4j.rand(dt, b, n).subi(0.3);
            INDArray perExample = Nd4j.create(dt, b, 1).assign(1).putScalar(2, 0, 0);
            INDArray perOutput = Nd4j.rand(dt, b, n).gt(0.3).castTo(dt);
            for (IActivation act : new IActivation[] {Activation.IDENTITY.getActivationFunction(),
                    Activation.SIGMOID.getActivationFunction()}) {
                for (INDArray mask : new INDArray[] {null, perExample, perOutput}) {
                    String what = dt + " " + act + " mask " + (mask == null ? "none" : mask.size(1));
                    for (boolean average : new boolean[] {true, false}) {
                        assertEquals(reference.computeScore(labels, pre.dup(), act, mask, average),
                                loss.computeScore(labels, pre.dup(), act, mask, average), tol * b * n, what);
                    }
                    assertClose(reference.computeScoreArray(labels, pre.dup(), act, mask),
                            loss.computeScoreArray(labels, pre.dup(), act, mask), tol, what);
                    assertClose(reference.computeGradient(labels, pre.dup(), act, mask),
                            loss.computeGradient(labels, pre.dup(), act, mask), tol, what);
                }
            }
        }
    }

    @Test
    void viewsTakeTheOpPathWithTheSameAnswer() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 4, 12);
        INDArray pre = big.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 10)); // strided: not fused
        INDArray labels = Nd4j.rand(DataType.FLOAT, 4, 7);
        LossL2 reference = new LossL2(Nd4j.valueArrayOf(new long[] {1, 7}, 0.5).castTo(DataType.FLOAT));
        IActivation id = Activation.IDENTITY.getActivationFunction();
        assertClose(reference.computeGradient(labels, pre.dup(), id, null), loss.computeGradient(labels, pre, id, null),
                1e-6, "view");
        assertEquals(reference.computeScore(labels, pre.dup(), id, null, true), loss.computeScore(labels, pre, id, null, true),
                1e-5);
    }

    @Test
    void mismatchedShapesNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.computeScore(
                Nd4j.rand(DataType.FLOAT, 3, 5), Nd4j.rand(DataType.FLOAT, 3, 4),
                Activation.IDENTITY.getActivationFunction(), null, true));
        assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void gradientCheckInDoublePrecisionAndJsonRoundTrip() {
        Nd4j.getRandom().setSeed(5);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new LossLayer.Builder(new LossHalfSquaredError()).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        for (int b : new int[] {1, 3}) {
            MultiLayerNetwork net = new MultiLayerNetwork(back.clone());
            net.init();
            INDArray x = Nd4j.rand(DataType.DOUBLE, b, 4);
            INDArray y = Nd4j.rand(DataType.DOUBLE, b, 5);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)), "gradient check, minibatch " + b);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(0, expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(),
                tol, what);
    }
}
