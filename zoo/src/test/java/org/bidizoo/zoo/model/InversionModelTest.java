package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bidizoo.layers.inversion.InvertibleStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class InversionModelTest {
    private static final ModelSettings S = ModelSettings.builder().build();

    @Test
    void parameterCountsMatchThePaperWithinOnePercent() {
        Map<InversionArchitecture, Long> exact = Map.of(InversionArchitecture.SMALLCNN, 129_898L,
                InversionArchitecture.LARGECNN, 1_369_066L, InversionArchitecture.RESNET2_32, 329_410L,
                InversionArchitecture.RESNET3_16, 135_799L, InversionArchitecture.PEER_SMALLCNN, 1_199_882L,
                InversionArchitecture.CNN1D, 47_178L);
        for (InversionArchitecture a : InversionArchitecture.values()) {
            ModelSettings s = a == InversionArchitecture.CNN1D ? ModelSettings.builder().inputShape(1, 1, 256).build() : S;
            ComputationGraph g = InversionModel.builder(a).settings(s).pool(InvertibleStep.Pool.MEAN).alpha(0.7)
                    .beta(0.2).build().init();
            assertEquals(exact.get(a), g.numParams(), a.cliName());
            assertTrue(Math.abs(g.numParams() - a.paperParams()) <= 0.01 * a.paperParams(), a + ": " + g.numParams());
        }
    }

    @Test
    void outputsFollowTheLossWeightsAndOneStepLearns() {
        InversionModel full = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MAX).alpha(0.5).beta(0.5).build();
        ComputationGraph g = full.init();
        assertEquals(java.util.List.of("reconstruction", "label", "entropy"), g.getConfiguration().getNetworkOutputs());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 5, 1);
        INDArray mask = Nd4j.createFromArray(new float[][] {{1}, {1}, {0}, {0}});
        INDArray[] out = g.output(x);
        assertArrayEquals(new long[] {4, 784}, out[0].shape());
        assertArrayEquals(new long[] {4, 10}, out[1].shape());
        INDArray before = g.params().dup();
        org.nd4j.linalg.dataset.api.MultiDataSet mds = full.trainingBatch(x, y, mask);
        assertEquals(mask, mds.getLabelsMaskArray(1));
        assertEquals(mask.rsub(1.0), mds.getLabelsMaskArray(2));
        g.fit(mds);
        assertNotEquals(before, g.params());

        InversionModel supervised = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MEAN).alpha(1).beta(0).build();
        ComputationGraph s = supervised.init();
        assertEquals(java.util.List.of("label"), s.getConfiguration().getNetworkOutputs());
        s.fit(supervised.trainingBatch(x, y, null));
        assertEquals(-1, supervised.reconstructionOutput());
        assertEquals(0, supervised.labelOutput());
    }

    /** Score of {@code m} on the same 3 random images (the first labeled), with {@code params} or its own initial ones. */
    private static double score(InversionModel m, INDArray params) {
        return score(m, params, 1.0);
    }

    /** As {@link #score(InversionModel, INDArray)}, with the entropy's weight times {@code entropyFactor}. */
    private static double score(InversionModel m, INDArray params, double entropyFactor) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 10);
        y.putScalar(0, 2, 1);
        MultiDataSet mds = m.trainingBatch(x, y, Nd4j.createFromArray(new float[][] {{1}, {0}, {0}}), entropyFactor);
        ComputationGraph g = m.init();
        if (params != null) {
            g.setParams(params);
        }
        g.setInputs(x);
        g.setLabels(mds.getLabels());
        g.setLayerMaskArrays(null, mds.getLabelsMaskArrays());
        g.computeGradientAndScore();
        return g.score();
    }

    @Test
    void eq8SumIsTheMeanTimesThePixelCount() {
        double[] recon = new double[2];
        InversionModel.ReconstructionLoss[] kinds = InversionModel.ReconstructionLoss.values();
        for (int k = 0; k < 2; k++) {
            // alpha 0, beta 1: the reconstruction is the only loss
            InversionModel m = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                    .pool(InvertibleStep.Pool.MEAN).alpha(0).beta(1).layerGamma(0).reconstructionLoss(kinds[k]).build();
            assertEquals(kinds[k], m.reconstructionLoss());
            recon[k] = score(m, null);
        }
        assertEquals(InversionModel.ReconstructionLoss.SUM, kinds[0]);
        assertEquals(784 * recon[1], recon[0], 1e-3 * recon[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InversionModel.builder(InversionArchitecture.SMALLCNN)
                .settings(S).pool(InvertibleStep.Pool.MAX).alpha(0.7).beta(0.2).layerGamma(0).reconstructionLoss(null)
                .build()).getMessage()
                .contains("reconLoss is required (SUM or MEAN), got null"));
    }

    @Test
    void reconScaleMultipliesROnlyAndZeroDropsIt() {
        InversionModel sum = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2).layerGamma(0)
                .reconstructionLoss(InversionModel.ReconstructionLoss.SUM).build();
        InversionModel scaled = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2).layerGamma(0)
                .reconstructionLoss(InversionModel.ReconstructionLoss.MEAN).reconstructionScale(784).build();
        InversionModel none = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2).layerGamma(0)
                .reconstructionLoss(InversionModel.ReconstructionLoss.MEAN).reconstructionScale(0).build();
        assertEquals(784, scaled.reconstructionScale());
        INDArray params = sum.init().params();
        double withSum = score(sum, params);
        assertEquals(withSum, score(scaled, params), 1e-4 * withSum, "MEAN x 784 = SUM on 28x28 images");
        assertFalse(none.reconstructs());
        assertEquals(java.util.List.of("label", "entropy"), none.init().getConfiguration().getNetworkOutputs());
        double without = score(none, params);
        assertTrue(without < withSum, "without R the score drops: " + without + " vs " + withSum);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InversionModel.builder(InversionArchitecture.SMALLCNN)
                .settings(S).pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2).layerGamma(0)
                .reconstructionLoss(InversionModel.ReconstructionLoss.MEAN).reconstructionScale(-1)
                .build()).getMessage()
                .contains("reconScale = -1.0, expected a finite number >= 0"));
    }

    @Test
    void entropyFactorScalesTheEntropyTermAlone() {
        InversionModel m = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2).build();
        INDArray params = m.init().params();
        double full = score(m, params, 1.0);
        double half = score(m, params, 0.5);
        double none = score(m, params, 0.0);
        assertEquals(full, score(m, params), 1e-12, "factor 1 is Eq. 10");
        assertTrue(full > none, "the entropy of the two unlabeled rows is positive: " + full + " vs " + none);
        assertEquals(full - none, 2 * (half - none), 1e-4 * full, "the score is linear in the factor");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        MultiDataSet mds = m.trainingBatch(x, y, Nd4j.createFromArray(new float[][] {{1}, {0}}), 0.25);
        assertEquals(Nd4j.createFromArray(new float[][] {{1}, {0}}), mds.getLabelsMaskArray(m.labelOutput()));
        assertEquals(Nd4j.createFromArray(new float[][] {{0}, {0.25f}}), mds.getLabelsMaskArray(2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.trainingBatch(x, y, null, 1.5)).getMessage()
                .contains("entropyFactor = 1.5, expected a number in [0, 1]"));
    }

    @Test
    void classBalanceAddsAnOutputOnTheUnlabeledRowsThatTrains() {
        InversionModel plain = InversionModel.builder(InversionArchitecture.SMALLCNN).settings(S)
                .pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2).build();
        InversionModel m = plain.withClassBalance(0.5);
        assertEquals(0.5, m.classBalance());
        assertEquals(0.0, plain.classBalance());
        ComputationGraph g = m.init();
        assertEquals(java.util.List.of("reconstruction", "label", "entropy", "class_balance"),
                g.getConfiguration().getNetworkOutputs());
        INDArray params = g.params().dup();
        assertTrue(score(m, params) > score(plain, params), "the divergence from uniform adds to the score");
        assertEquals(score(plain, params), score(plain.withClassBalance(0), params), 1e-12, "weight 0: Eq. 10");
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 10);
        y.putScalar(0, 4, 1);
        INDArray mask = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}});
        MultiDataSet mds = m.trainingBatch(x, y, mask, 0.5);
        assertEquals(mask.rsub(1.0), mds.getLabelsMaskArray(3), "every unlabeled row, whatever the entropy's ramp");
        g.fit(mds);
        assertNotEquals(params, g.params());
        assertTrue(m.toString().contains("class balance 0.5"), m.toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain.withClassBalance(-0.1)).getMessage()
                .contains("classBalance = -0.1, expected a finite number >= 0"));
    }

    @Test
    void perLayerLossesAddAnOutputThatTrains() {
        InversionModel m = InversionModel.builder(InversionArchitecture.RESNET3_16).settings(S)
                .pool(InvertibleStep.Pool.MAX).alpha(0.7).beta(0.2).layerGamma(0.1).build();
        ComputationGraph g = m.init();
        assertEquals(java.util.List.of("reconstruction", "label", "entropy", "layer_reconstruction"),
                g.getConfiguration().getNetworkOutputs());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        y.putScalar(0, 1, 1);
        INDArray[] out = g.output(x);
        assertArrayEquals(new long[] {2, 1}, out[3].shape());
        assertTrue(out[3].minNumber().doubleValue() > 0, "per-layer losses are positive");
        INDArray before = g.params().dup();
        g.fit(m.trainingBatch(x, y, Nd4j.createFromArray(new float[][] {{1}, {0}})));
        assertNotEquals(before, g.params());
        assertEquals(135_799L, g.numParams());
    }

    @Test
    void badWeightsAndNamesAreReported() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InversionModel.builder(InversionArchitecture.SMALLCNN)
                .settings(S).pool(InvertibleStep.Pool.MAX).alpha(1.5).beta(0).build()).getMessage()
                .contains("alpha = 1.5, expected a number in [0, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InversionArchitecture.byName("vgg")).getMessage()
                .contains("model: unknown 'vgg'; expected one of [smallcnn, largecnn, resnet2-32, resnet3-16"));
    }
}
