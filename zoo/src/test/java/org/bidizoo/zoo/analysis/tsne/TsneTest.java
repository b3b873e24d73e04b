package org.bidizoo.zoo.analysis.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bidizoo.zoo.analysis.metrics.ClassDistances;
import org.bidizoo.zoo.analysis.metrics.Trustworthiness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TsneTest {
    /** Three well separated Gaussian clusters in 60 dimensions, 80 points each. */
    static double[][] clusters(int[] labels, long seed) {
        Random r = new Random(seed);
        int d = 60;
        double[][] centres = new double[3][d];
        for (double[] c : centres) {
            for (int t = 0; t < d; t++) {
                c[t] = 4 * r.nextGaussian();
            }
        }
        double[][] x = new double[labels.length][d];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            for (int t = 0; t < d; t++) {
                x[i][t] = centres[labels[i]][t] + r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void separatesClustersAndKeepsNeighbourhoods() {
        int[] labels = new int[240];
        double[][] x = clusters(labels, 1);
        double[][] y = Tsne.builder().perplexity(20).iterations(500).seed(7).build().embed(x);
        assertEquals(240, y.length);
        assertEquals(2, y[0].length);
        Trustworthiness tw = Trustworthiness.of(x, y, 10);
        assertTrue(tw.trustworthiness() > 0.85, "trustworthiness " + tw);
        ClassDistances inEmbedding = ClassDistances.of(y, labels);
        assertTrue(inEmbedding.ratio() > 3, "clusters should be far apart in the map: " + inEmbedding);
    }

    @Test
    void sameSeedSameEmbeddingOtherSeedOtherEmbedding() {
        int[] labels = new int[90];
        double[][] x = clusters(labels, 2);
        Tsne t = Tsne.builder().perplexity(10).iterations(300).seed(3).build();
        double[][] a = t.embed(x);
        double[][] b = t.embed(x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        double[][] c = Tsne.builder().perplexity(10).iterations(300).seed(4).build().embed(x);
        assertTrue(Math.abs(a[0][0] - c[0][0]) > 1e-9);
    }

    @Test
    void indArrayApiUsesPcaForWideInputs() {
        int[] labels = new int[60];
        double[][] x = clusters(labels, 3);
        INDArray y = Tsne.builder().perplexity(5).iterations(250).pcaDimensions(10).build().embed(Nd4j.createFromArray(x));
        assertArrayEquals(new long[] {60, 2}, y.shape());
        assertTrue(ClassDistances.of(y.toDoubleMatrix(), labels).ratio() > 2);
    }

    @Test
    void barnesHutKeepsTheNeighbourhoodsOfTheExactGradient() {
        int[] labels = new int[150];
        double[][] x = clusters(labels, 5);
        Tsne.Builder b = Tsne.builder().perplexity(15).iterations(400).seed(11);
        double exact = Trustworthiness.of(x, b.theta(0).build().embed(x), 7).trustworthiness();
        double approx = Trustworthiness.of(x, b.theta(0.5).build().embed(x), 7).trustworthiness();
        assertTrue(exact > 0.85, "exact " + exact);
        assertEquals(exact, approx, 0.03, "theta 0.5 against theta 0");
    }

    @Test
    void badInputNamesTheProblem() {
        Tsne t = Tsne.builder().iterations(10).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.embed(new double[3][2])).getMessage()
                .contains("at least 4 points, got 3"));
        double[][] ragged = {{1, 2}, {1, 2}, {1}, {3, 4}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.embed(ragged)).getMessage()
                .contains("row 2 has 1 values"));
        double[][] nan = {{1, 2}, {1, Double.NaN}, {1, 3}, {3, 4}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.embed(nan)).getMessage()
                .contains("row 1 has a non-finite value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tsne.builder().perplexity(0).build())
                .getMessage().contains("perplexity = 0.0, expected > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tsne.builder().theta(2).build())
                .getMessage().contains("theta = 2.0, expected in [0, 1]"));
    }
}
