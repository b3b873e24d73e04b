package org.bidizoo.datasets.iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class ImageDataSetIteratorTest {

    /** 23 images of 1×2×2 whose every pixel equals the image index; label = index mod 3. */
    static LabeledImages tiny() {
        int n = 23;
        byte[] px = new byte[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                px[i * 4 + j] = (byte) i;
            }
            y[i] = i % 3;
        }
        return new LabeledImages(px, y, 1, 2, 2, 3);
    }

    private static List<Integer> epochIds(ImageDataSetIterator it) {
        List<Integer> ids = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            for (int r = 0; r < ds.numExamples(); r++) {
                int id = (int) Math.round(ds.getFeatures().getDouble(r, 0) * 255);
                ids.add(id);
                assertEquals(1.0, ds.getLabels().getDouble(r, id % 3));
            }
        }
        return ids;
    }

    @Test
    void batchesCoverEveryExampleOnceInOrder() {
        ImageDataSetIterator it = ImageDataSetIterator.builder(tiny()).batchSize(10).build();
        DataSet first = it.next();
        assertArrayEquals(new long[] {10, 4}, first.getFeatures().shape());
        assertArrayEquals(new long[] {10, 3}, first.getLabels().shape());
        it.reset();
        List<Integer> ids = epochIds(it);
        assertEquals(23, ids.size());
        for (int i = 0; i < 23; i++) {
            assertEquals(i, ids.get(i));
        }
        assertEquals(4, it.inputColumns());
        assertEquals(3, it.totalOutcomes());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void seededShuffleIsReproducibleAndChangesPerEpoch() {
        ImageDataSetIterator a = ImageDataSetIterator.builder(tiny()).batchSize(5).shuffle(7).build();
        ImageDataSetIterator b = ImageDataSetIterator.builder(tiny()).batchSize(5).shuffle(7).build();
        List<Integer> e1 = epochIds(a);
        assertEquals(e1, epochIds(b));
        assertEquals(23, e1.stream().distinct().count());
        a.reset();
        List<Integer> e2 = epochIds(a);
        assertNotEquals(e1, e2);
        assertEquals(23, e2.stream().distinct().count());
    }

    @Test
    void nchwLayoutAndFirstN() {
        ImageDataSetIterator it = ImageDataSetIterator.builder(tiny()).batchSize(4).layout(FeatureLayout.NCHW)
                .firstN(6).build();
        assertEquals(6, it.numExamples());
        DataSet ds = it.next();
        assertArrayEquals(new long[] {4, 1, 2, 2}, ds.getFeatures().shape());
        assertEquals(2, it.next().numExamples());
        assertFalse(it.hasNext());
    }

    @Test
    void asyncWrapperSeesTheSameBatches() {
        ImageDataSetIterator plain = ImageDataSetIterator.builder(tiny()).batchSize(5).shuffle(3).build();
        ImageDataSetIterator wrapped = ImageDataSetIterator.builder(tiny()).batchSize(5).shuffle(3).build();
        assertTrue(wrapped.asyncSupported());
        AsyncDataSetIterator async = new AsyncDataSetIterator(wrapped, 2);
        try {
            for (int epoch = 0; epoch < 2; epoch++) {
                while (plain.hasNext()) {
                    assertTrue(async.hasNext());
                    assertEquals(plain.next().getFeatures(), async.next().getFeatures());
                }
                assertFalse(async.hasNext());
                plain.reset();
                async.reset();
            }
        } finally {
            async.shutdown();
        }
    }

    @Test
    void badSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDataSetIterator.builder(tiny()).batchSize(0).build());
        assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"));
        e = assertThrows(IllegalArgumentException.class, () -> ImageDataSetIterator.builder(tiny()).firstN(50).build());
        assertTrue(e.getMessage().contains("firstN = 50 but the data holds only 23"));
    }

    @Test
    void seekDrawsWhatAnUninterruptedRunWouldDraw() {
        ImageDataSetIterator run = ImageDataSetIterator.builder(tiny()).batchSize(4).shuffle(11).build();
        int per = run.batchesPerEpoch();
        for (int k = 0; k < 2 * per + 1; k++) {
            if (!run.hasNext()) {
                run.reset();
            }
            run.next();
        }
        int epoch = run.epoch();
        int batch = run.batchInEpoch();
        ImageDataSetIterator resumed = ImageDataSetIterator.builder(tiny()).batchSize(4).shuffle(11).build();
        resumed.seek(epoch, batch);
        for (int k = 0; k < per + 2; k++) {
            if (!run.hasNext()) {
                run.reset();
                resumed.reset();
            }
            assertEquals(run.next().getFeatures(), resumed.next().getFeatures(), "minibatch " + k + " after the seek");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resumed.seek(0, per + 1));
        assertEquals("batch = " + (per + 1) + ", expected in [0, " + per + "]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resumed.seek(-1, 0));
        assertEquals("epoch = -1, expected >= 0", e.getMessage());
    }
}
