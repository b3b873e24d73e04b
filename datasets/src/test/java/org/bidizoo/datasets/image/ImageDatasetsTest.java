package org.bidizoo.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.bidizoo.datasets.idx.IdxFixtures;
import org.bidizoo.datasets.idx.IdxFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void readsPairAndScalesPixels() throws IOException {
        Path img = IdxFixtures.write(dir.resolve("img"), IdxFixtures.images(6, 4, 4), false);
        Path lab = IdxFixtures.write(dir.resolve("lab"), IdxFixtures.labels(6, 3), false);
        LabeledImages d = ImageDatasets.read(img, lab, 1, 4, 4, 3);
        assertEquals(6, d.size());
        assertEquals(2, d.label(5));
        INDArray x = d.features(new int[] {1}, FeatureLayout.NCHW);
        assertArrayEquals(new long[] {1, 1, 4, 4}, x.shape());
        assertEquals((7 + 2 + 3) / 255.0, x.getDouble(0, 0, 2, 3), 1e-7);
        INDArray y = d.oneHot(new int[] {4, 5});
        assertEquals(1.0, y.getDouble(0, 1));
        assertEquals(1.0, y.getDouble(1, 2));
        assertEquals(2.0, y.sumNumber().doubleValue());
    }

    @Test
    void countMismatchIsReported() throws IOException {
        Path img = IdxFixtures.write(dir.resolve("img"), IdxFixtures.images(6, 4, 4), false);
        Path lab = IdxFixtures.write(dir.resolve("lab"), IdxFixtures.labels(5, 3), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> ImageDatasets.read(img, lab, 1, 4, 4, 3));
        assertTrue(e.getMessage().contains("5 labels but " + img + " holds 6 images"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        Path img = IdxFixtures.write(dir.resolve("img"), IdxFixtures.images(6, 4, 4), false);
        Path lab = IdxFixtures.write(dir.resolve("lab"), IdxFixtures.labels(6, 5), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> ImageDatasets.read(img, lab, 1, 4, 4, 3));
        assertTrue(e.getMessage().contains("label 3 at index 3, expected a class in [0, 3)"), e.getMessage());
    }

    @Test
    void firstNKeepsPrefix() {
        LabeledImages d = new LabeledImages(new byte[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 0}, 1, 1, 2, 2);
        LabeledImages f = d.first(2);
        assertEquals(2, f.size());
        assertEquals(4 / 255.0, f.features(new int[] {1}, FeatureLayout.FLAT).getDouble(0, 1), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> d.first(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(new byte[5], new int[] {0, 1, 0}, 1, 1, 2, 2));
        assertTrue(e.getMessage().contains("pixels: 5 bytes, but 3 images of 1x1x2 need 6"), e.getMessage());
    }

    @Test
    void balancedIndicesTakeEqualCountsPerClassAndAreSeeded() {
        int[] labels = new int[30];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        LabeledImages d = new LabeledImages(new byte[30], labels, 1, 1, 1, 3);
        int[] a = d.balancedIndices(7, 5);
        int[] perClass = new int[3];
        for (int i : a) {
            perClass[d.label(i)]++;
        }
        assertArrayEquals(new int[] {3, 2, 2}, perClass);
        assertArrayEquals(a, d.balancedIndices(7, 5));
        assertTrue(a[0] < a[a.length - 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.balancedIndices(31, 5));
        assertTrue(e.getMessage().contains("numLabeled = 31, expected 1..30"), e.getMessage());
    }

    @Test
    void subsetCopiesChosenImagesInOrder() {
        LabeledImages d = new LabeledImages(new byte[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 0}, 1, 1, 2, 2);
        LabeledImages s = d.subset(new int[] {2, 0});
        assertEquals(2, s.size());
        assertEquals(0, s.label(0));
        assertEquals(5 / 255.0, s.features(new int[] {0}, FeatureLayout.FLAT).getDouble(0, 0), 1e-7);
        assertEquals(2 / 255.0, s.features(new int[] {1}, FeatureLayout.FLAT).getDouble(0, 1), 1e-7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.subset(new int[] {0, 3}));
        assertTrue(e.getMessage().contains("index 3 at position 1 is outside [0, 3)"), e.getMessage());
    }
}
