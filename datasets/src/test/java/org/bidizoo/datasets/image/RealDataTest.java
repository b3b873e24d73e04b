package org.bidizoo.datasets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.bidizoo.datasets.source.DataLocator;
import org.bidizoo.datasets.source.DatasetStatus;
import org.bidizoo.datasets.source.KnownDatasets;
import org.bidizoo.datasets.source.Split;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The real MNIST and Fashion-MNIST files: fetched if absent (never skipped), verified by SHA-256,
 * and read with the statistics everyone knows.
 */
@Tag("data")
class RealDataTest {

    @Test
    void mnistIsVerifiedAndReadable() throws IOException {
        DataLocator loc = DataLocator.fromEnvironment();
        loc.require(KnownDatasets.MNIST);
        DatasetStatus s = loc.inspect(KnownDatasets.MNIST);
        assertTrue(s.verified(), s.problems());
        assertEquals(60000, s.train());
        assertEquals(10000, s.test());
        LabeledImages train = ImageDatasets.load(KnownDatasets.MNIST, Split.TRAIN, loc);
        assertEquals(60000, train.size());
        assertEquals(5, train.label(0));
        assertEquals(0, train.label(1));
        int[] all = new int[train.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        INDArray x = train.features(all, FeatureLayout.FLAT);
        assertEquals(0.1307, x.meanNumber().doubleValue(), 5e-4);
        LabeledImages test = ImageDatasets.load(KnownDatasets.MNIST, Split.TEST, loc);
        assertEquals(7, test.label(0));
    }

    @Test
    void fashionMnistIsVerifiedAndReadable() throws IOException {
        DataLocator loc = DataLocator.fromEnvironment();
        loc.require(KnownDatasets.FASHION_MNIST);
        DatasetStatus s = loc.inspect(KnownDatasets.FASHION_MNIST);
        assertTrue(s.verified(), s.problems());
        assertEquals(60000, s.train());
        assertEquals(10000, s.test());
        LabeledImages train = ImageDatasets.load(KnownDatasets.FASHION_MNIST, Split.TRAIN, loc);
        assertEquals(9, train.label(0));
        int[] counts = new int[10];
        for (int i = 0; i < train.size(); i++) {
            counts[train.label(i)]++;
        }
        for (int c : counts) {
            assertEquals(6000, c);
        }
    }
}
