package org.bidizoo.zoo.analysis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ClassDistancesTest {
    @Test
    void matchesHandComputedValues() {
        // class 0: (0,0), (2,0), (0,2): pairwise 2, 2, sqrt(8); centroid (2/3, 2/3)
        // class 1: (10,0), (10,4): pairwise 4; centroid (10, 2)
        double[][] x = {{0, 0}, {2, 0}, {0, 2}, {10, 0}, {10, 4}};
        int[] y = {0, 0, 0, 1, 1};
        ClassDistances d = ClassDistances.of(x, y);
        double intra = ((2 + 2 + Math.sqrt(8)) / 3 + 4) / 2;
        double inter = Math.hypot(10 - 2.0 / 3, 2 - 2.0 / 3);
        assertEquals(intra, d.intra(), 1e-12);
        assertEquals(inter, d.inter(), 1e-12);
        assertEquals(inter / intra, d.ratio(), 1e-12);
        assertEquals(2, d.classes());
    }

    @Test
    void interIsTheMeanOverAllCentroidPairs() {
        double[][] x = {{0, 0}, {0, 1}, {3, 0}, {3, 1}, {0, 4}, {0, 5}};
        int[] y = {0, 0, 1, 1, 2, 2};
        ClassDistances d = ClassDistances.of(x, y);
        assertEquals((3 + 4 + 5) / 3.0, d.inter(), 1e-12);
        assertEquals(1, d.intra(), 1e-12);
    }

    @Test
    void acceptsOneHotLabelsAndImages() {
        var x = Nd4j.createFromArray(new double[] {0, 0, 2, 0, 0, 2, 10, 0, 10, 4}).reshape(5, 1, 1, 2);
        var oneHot = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 1}});
        ClassDistances a = ClassDistances.of(x, oneHot);
        ClassDistances b = ClassDistances.of(new double[][] {{0, 0}, {2, 0}, {0, 2}, {10, 0}, {10, 4}},
                new int[] {0, 0, 0, 1, 1});
        assertEquals(b, a);
    }

    @Test
    void badLabelsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClassDistances.of(new double[][] {{0}, {1}}, new int[] {0, 0})).getMessage()
                .contains("at least two classes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClassDistances.of(new double[][] {{0}, {1}}, new int[] {0})).getMessage()
                .contains("1 labels for 2 points"));
    }
}
