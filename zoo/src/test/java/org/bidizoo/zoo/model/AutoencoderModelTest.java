package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The autoencoder family: plain AE reuse, denoising batches, the training loop's per-iteration hook, bad options. */
class AutoencoderModelTest {
    private static ModelSettings tiny() {
        return ModelSettings.builder().inputShape(1, 4, 4).numClasses(3).seed(9).build();
    }

    @Test
    void isLmserWithDcwAndDpnOffPlusTheRegularizer() {
        AutoencoderModel m = ZooRegistry.builder("ae-sparse-kl", AutoencoderModel.Builder.class).build();
        ComputationGraph g = m.init();
        LmserLayer l = (LmserLayer) g.getLayer("lmser").conf().getLayer();
        assertTrue(!l.isTiedWeights() && !l.isPairedNeurons(), "untied, no paired neurons");
        assertEquals(0.1, l.getCodeKlTarget());
        assertEquals(0.1, l.getCodeKlWeight());
        // the plain part has exactly the parameters of lmser-dense variant ae
        assertEquals(LmserDense.paper(ModelSettings.builder().build(), LmserVariant.AE).init().numParams(),
                g.numParams());
        AutoencoderModel l2 = ZooRegistry.builder("ae-l2", AutoencoderModel.Builder.class).build();
        assertEquals(1, l2.init().getLayer("lmser").conf().getLayer().getRegularizationByParam("W0").size());
    }

    @Test
    void denoisingBatchesCorruptTheInputAndKeepTheCleanTarget() {
        AutoencoderModel m = new AutoencoderModel.Builder().name("dae").hidden(5, 3).settings(tiny())
                .corruption(new AutoencoderCorruption(AutoencoderCorruption.Kind.SALT_PEPPER, 0.5)).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
        MultiDataSet a = m.trainingBatchAt(x, y, null, 4);
        assertEquals(x, a.getLabels(0), "the target is the clean input");
        assertNotEquals(x, a.getFeatures(0), "the input is corrupted");
        INDArray f = a.getFeatures(0);
        long changed = f.neq(x).castTo(DataType.INT).sumNumber().longValue();
        assertTrue(changed > 20 && changed < 76, changed + " of 96 pixels changed (expected about half)");
        float[] fv = f.data().asFloat();
        float[] xv = x.data().asFloat();
        for (int i = 0; i < fv.length; i++) {
            assertTrue(fv[i] == 0 || fv[i] == 1 || fv[i] == xv[i], "salt, pepper or untouched at " + i);
        }
        assertEquals(f, m.trainingBatchAt(x, y, null, 4).getFeatures(0), "the same iteration, the same corruption");
        assertNotEquals(f, m.trainingBatchAt(x, y, null, 5).getFeatures(0), "another iteration, another corruption");
        assertEquals(x, m.trainingBatch(x, y, null).getFeatures(0), "trainingBatch stays clean");
    }

    /** TrainingLoop.forModel trains on trainingBatchAt(…, iteration): equal to fitting those batches by hand. */
    @Test
    void trainingLoopFeedsTheBatchOfEachIteration() {
        AutoencoderModel m = new AutoencoderModel.Builder().name("dae").hidden(5, 3).settings(tiny())
                .corruption(new AutoencoderCorruption(AutoencoderCorruption.Kind.GAUSSIAN, 0.3)).build();
        int n = 20;
        byte[] px = new byte[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 53) % 256);
        }
        LabeledImages images = new LabeledImages(px, labels, 1, 4, 4, 3);
        ComputationGraph byLoop = m.init();
        TrainingLoop.forModel(m, byLoop, Batches.of(ImageDataSetIterator.builder(images).batchSize(5)
                .layout(FeatureLayout.FLAT).shuffle(2).build())).iterations(6).progress(false).build().run();
        ComputationGraph byHand = m.init();
        Batches raw = Batches.of(ImageDataSetIterator.builder(images).batchSize(5).layout(FeatureLayout.FLAT).shuffle(2)
                .build());
        for (int i = 0; i < 6; i++) {
            MultiDataSet b = raw.next();
            byHand.fit(m.trainingBatchAt(b.getFeatures(0), b.getLabels(0), null, i));
        }
        assertEquals(byHand.params(), byLoop.params());
        ComputationGraph clean = m.init();
        Batches raw2 = Batches.of(ImageDataSetIterator.builder(images).batchSize(5).layout(FeatureLayout.FLAT).shuffle(2)
                .build());
        for (int i = 0; i < 6; i++) {
            MultiDataSet b = raw2.next();
            clean.fit(m.trainingBatch(b.getFeatures(0), b.getLabels(0), null));
        }
        assertNotEquals(clean.params(), byLoop.params(), "the loop trained on corrupted inputs");
    }

    @Test
    void convolutionalDenoisingAutoencoderCorruptsImagesAndTrains() {
        AutoencoderModel m = ZooRegistry.builder("ae-conv-denoising-masking", AutoencoderModel.Builder.class).build();
        assertEquals(FeatureLayout.NCHW, m.featureLayout());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        MultiDataSet b = m.trainingBatchAt(x, Nd4j.zeros(DataType.FLOAT, 2, 10), null, 0);
        assertEquals(x.reshape(2, 784), b.getLabels(0), "clean, flattened target");
        INDArray f = b.getFeatures(0);
        assertEquals(java.util.List.of(2L, 1L, 28L, 28L), java.util.Arrays.stream(f.shape()).boxed().toList());
        double zeroed = f.eq(0).castTo(DataType.FLOAT).sumNumber().doubleValue() / f.length();
        assertTrue(zeroed > 0.15 && zeroed < 0.35, "about a quarter masked: " + zeroed);
        ComputationGraph g = m.init();
        INDArray before = g.params().dup();
        g.fit(b);
        assertNotEquals(before, g.params());
        assertMessage("code penalties need dense levels", () -> new AutoencoderModel.Builder().convChannels(4, 8)
                .codeL1(0.1).build());
    }

    @Test
    void badOptionsAreClearErrors() {
        assertMessage("corruption level = 1.5 for masking, expected a number in (0, 1]",
                () -> new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING, 1.5));
        assertMessage("corruption level = 0.0 for gaussian, expected a number in (0, 1]",
                () -> new AutoencoderCorruption(AutoencoderCorruption.Kind.GAUSSIAN, 0));
        assertMessage("l2 = -1.0, expected a finite number >= 0", () -> new AutoencoderModel.Builder().l2(-1).build());
        assertMessage("codeL1 = -0.5, expected a finite number >= 0",
                () -> new AutoencoderModel.Builder().codeL1(-0.5).build());
        assertMessage("contraction = 0.1 is computed in closed form for a one-level encoder",
                () -> new AutoencoderModel.Builder().contraction(0.1).build());
        assertMessage("hidden = [300, 0], expected one or more positive level sizes",
                () -> new AutoencoderModel.Builder().hidden(300, 0).build());
    }

    private static void assertMessage(String expected, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
