package org.bidizoo.zoo.analysis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TrustworthinessTest {
    private static double[][] random(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                row[t] = r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void identityIsPerfectAndRandomIsAboutHalf() {
        double[][] x = random(300, 2, 1);
        Trustworthiness same = Trustworthiness.of(x, x, 5);
        assertEquals(1.0, same.trustworthiness(), 1e-12);
        assertEquals(1.0, same.knnPreservation(), 1e-12);
        Trustworthiness rnd = Trustworthiness.of(x, random(300, 2, 2), 5);
        assertTrue(rnd.trustworthiness() > 0.4 && rnd.trustworthiness() < 0.6, rnd.toString());
        assertTrue(rnd.knnPreservation() < 0.1, rnd.toString());
    }

    @Test
    void subsetEstimateIsCloseToExact() {
        double[][] x = random(400, 5, 3);
        double[][] y = new double[400][];
        for (int i = 0; i < 400; i++) {
            y[i] = new double[] {x[i][0], x[i][1]};
        }
        Trustworthiness exact = Trustworthiness.of(x, y, 7);
        Trustworthiness est = Trustworthiness.estimate(x, y, 7, 200, 5);
        assertEquals(200, est.queries());
        assertEquals(exact.trustworthiness(), est.trustworthiness(), 0.03);
        assertTrue(exact.trustworthiness() < 0.99, "dropping 3 of 5 dimensions must lose some neighbours");
    }

    @Test
    void badKIsNamed() {
        double[][] x = random(10, 2, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trustworthiness.of(x, x, 5)).getMessage()
                .contains("k = 5, expected 1 <= k < n/2"));
    }
}
