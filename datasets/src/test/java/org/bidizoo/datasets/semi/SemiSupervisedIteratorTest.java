package org.bidizoo.datasets.semi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.bidizoo.datasets.image.LabeledImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class SemiSupervisedIteratorTest {

    /** n images of 1×1×2; image i holds (i mod 256, i / 256) so rows identify examples; label = i mod 10. */
    static LabeledImages data(int n) {
        byte[] px = new byte[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            px[2 * i] = (byte) (i % 256);
            px[2 * i + 1] = (byte) (i / 256);
            y[i] = i % 10;
        }
        return new LabeledImages(px, y, 1, 1, 2, 10);
    }

    /** 50 images: one of each class 1..9, the rest class 0. */
    static LabeledImages skewed() {
        int[] y = new int[50];
        for (int c = 1; c < 10; c++) {
            y[c] = c;
        }
        return new LabeledImages(new byte[100], y, 1, 1, 2, 10);
    }

    static int id(INDArray f, int r) {
        return (int) Math.round(f.getDouble(r, 0) * 255) + 256 * (int) Math.round(f.getDouble(r, 1) * 255);
    }

    private void checkEpoch(SemiSupervisedIterator it, LabeledImages d, int n) {
        Set<Integer> labeledSeen = new HashSet<>();
        Set<Integer> unlabeledSeen = new HashSet<>();
        Set<Integer> chosen = new HashSet<>();
        for (int i : it.labeledIndices()) {
            chosen.add(i);
        }
        int batches = 0;
        while (it.hasNext()) {
            MultiDataSet m = it.next();
            batches++;
            INDArray f = m.getFeatures(0);
            INDArray y = m.getLabels(0);
            INDArray mask = m.getLabelsMaskArray(0);
            assertEquals(f.size(0), mask.size(0));
            assertEquals(1, mask.size(1));
            for (int r = 0; r < f.size(0); r++) {
                int id = id(f, r);
                if (mask.getDouble(r, 0) == 1.0) {
                    assertTrue(chosen.contains(id), "a labeled row must be one of the N chosen");
                    assertEquals(1.0, y.getDouble(r, d.label(id)));
                    labeledSeen.add(id);
                } else {
                    assertEquals(0.0, y.getRow(r).sumNumber().doubleValue(), "unlabeled rows carry no label");
                    assertTrue(!chosen.contains(id), "an unlabeled row must not be a labeled example");
                    unlabeledSeen.add(id);
                }
            }
        }
        assertEquals(it.batchesPerEpoch(), batches);
        assertEquals(n, labeledSeen.size(), "exactly N distinct labeled examples per epoch");
        assertEquals(d.size() - n, unlabeledSeen.size(), "every unlabeled example once per epoch");
    }

    @Test
    void exactlyNDistinctLabeledPerEpochBalanced() {
        LabeledImages d = data(1000);
        SemiSupervisedIterator it = SemiSupervisedIterator.builder(d).numLabeled(50).batchSize(32).labeledPerBatch(8)
                .seed(1).build();
        int[] perClass = new int[10];
        for (int i : it.labeledIndices()) {
            perClass[d.label(i)]++;
        }
        int[] five = new int[10];
        java.util.Arrays.fill(five, 5);
        assertArrayEquals(five, perClass);
        checkEpoch(it, d, 50);
        it.reset();
        checkEpoch(it, d, 50);
    }

    @Test
    void labeledPoolLargerThanUnlabeledStillCoversBoth() {
        LabeledImages d = data(300);
        SemiSupervisedIterator it = SemiSupervisedIterator.builder(d).numLabeled(250).batchSize(20).labeledPerBatch(2)
                .seed(3).build();
        checkEpoch(it, d, 250);
    }

    @Test
    void unevenNGoesToLowestClassesAndSeedMatters() {
        LabeledImages d = data(500);
        SemiSupervisedIterator a = SemiSupervisedIterator.builder(d).numLabeled(13).seed(1).build();
        int[] perClass = new int[10];
        for (int i : a.labeledIndices()) {
            perClass[d.label(i)]++;
        }
        assertArrayEquals(new int[] {2, 2, 2, 1, 1, 1, 1, 1, 1, 1}, perClass);
        SemiSupervisedIterator b = SemiSupervisedIterator.builder(d).numLabeled(13).seed(1).build();
        SemiSupervisedIterator c = SemiSupervisedIterator.builder(d).numLabeled(13).seed(2).build();
        assertArrayEquals(a.labeledIndices(), b.labeledIndices());
        assertTrue(!java.util.Arrays.equals(a.labeledIndices(), c.labeledIndices()));
    }

    @Test
    void badSettingsAreRejected() {
        LabeledImages d = data(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SemiSupervisedIterator.builder(d).numLabeled(5).build());
        assertTrue(e.getMessage().contains("numLabeled = 5, expected at least one per class (10)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SemiSupervisedIterator.builder(d).numLabeled(20).batchSize(10).labeledPerBatch(10).build());
        assertTrue(e.getMessage().contains("labeledPerBatch = 10, expected in [1, 9]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SemiSupervisedIterator.builder(skewed()).numLabeled(20).build());
        assertTrue(e.getMessage().contains("numLabeled = 20 needs 2 examples of class 1 but the data has only 1"),
                e.getMessage());
    }

    @Test
    void seekDrawsWhatAnUninterruptedRunWouldDraw() {
        SemiSupervisedIterator run = SemiSupervisedIterator.builder(data(97)).numLabeled(20).batchSize(10)
                .labeledPerBatch(3).seed(5).build();
        int per = run.batchesPerEpoch();
        for (int k = 0; k < per + 4; k++) {
            if (!run.hasNext()) {
                run.reset();
            }
            run.next();
        }
        SemiSupervisedIterator resumed = SemiSupervisedIterator.builder(data(97)).numLabeled(20).batchSize(10)
                .labeledPerBatch(3).seed(5).build();
        resumed.seek(run.epoch(), run.batchInEpoch());
        for (int k = 0; k < per + 2; k++) {
            if (!run.hasNext()) {
                run.reset();
                resumed.reset();
            }
            MultiDataSet a = run.next();
            MultiDataSet b = resumed.next();
            assertEquals(a.getFeatures(0), b.getFeatures(0), "minibatch " + k + " after the seek");
            assertEquals(a.getLabelsMaskArray(0), b.getLabelsMaskArray(0));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resumed.seek(0, per + 1));
        assertEquals("batch = " + (per + 1) + ", expected in [0, " + per + "]", e.getMessage());
    }
}
