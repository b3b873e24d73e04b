package org.bidizoo.layers.rbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AIS against the exact log Z of RBMs small enough to enumerate: random and CD-trained, a 20-12 and a 784-16; the
 * annealed free energy against brute force; the schedule; the builder's errors.
 */
class AnnealedImportanceSamplingTest {

    private static Rbm random(int nv, int nh, double scale, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new Rbm(Nd4j.randn(DataType.DOUBLE, nv, nh).muli(scale), Nd4j.randn(DataType.DOUBLE, 1, nh).muli(0.5),
                Nd4j.randn(DataType.DOUBLE, 1, nv).muli(0.5), VisibleUnits.BINARY, 1);
    }

    /** Binary patterns: two noisy prototypes (half the bits on), {@code [n, nv]}. */
    private static INDArray patterns(int n, int nv, long seed) {
        Nd4j.getRandom().setSeed(seed);
        double[][] x = new double[n][nv];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            int proto = i % 2;
            for (int j = 0; j < nv; j++) {
                boolean on = (j < nv / 2) == (proto == 0);
                x[i][j] = (r.nextDouble() < 0.1) != on ? 1 : 0;
            }
        }
        return Nd4j.create(x);
    }

    private static double[] bits(long code, int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = (code >>> i) & 1L;
        }
        return b;
    }

    @Test
    void annealedFreeEnergyIsTheFreeEnergyOfTheIntermediateRbmByBruteForce() {
        Rbm r = random(5, 3, 1.0, 3);
        INDArray cA = Nd4j.randn(DataType.DOUBLE, 1, 5);
        for (double beta : new double[] {0, 0.3, 1}) {
            INDArray c = r.visibleBias().mul(beta).addi(cA.mul(1 - beta));
            for (int code = 0; code < 32; code++) {
                double[] v = bits(code, 5);
                double[] terms = new double[8];
                for (int h = 0; h < 8; h++) {
                    double[] hb = bits(h, 3);
                    double e = 0;
                    for (int i = 0; i < 5; i++) {
                        e += c.getDouble(i) * v[i];
                        for (int j = 0; j < 3; j++) {
                            e += beta * v[i] * r.weights().getDouble(i, j) * hb[j];
                        }
                    }
                    for (int j = 0; j < 3; j++) {
                        e += beta * r.hiddenBias().getDouble(j) * hb[j];
                    }
                    terms[h] = e;
                }
                double m = java.util.Arrays.stream(terms).max().getAsDouble();
                double negF = m + Math.log(java.util.Arrays.stream(terms).map(t -> Math.exp(t - m)).sum());
                INDArray vv = Nd4j.create(new double[][] {v});
                double got = r.annealedFreeEnergy(vv, r.hiddenInput(vv), beta, cA).getDouble(0);
                assertEquals(-negF, got, 1e-10, "beta " + beta + ", v " + code);
                if (beta == 1) {
                    assertEquals(r.freeEnergy(vv).getDouble(0), got, 1e-12);
                }
            }
        }
    }

    @Test
    void aisAgreesWithTheExactLogPartitionOfARandomRbm() {
        Rbm r = random(20, 12, 0.5, 11);
        double exact = RbmLikelihood.logPartition(r);
        INDArray cA = AnnealedImportanceSampling.baseRateBias(patterns(200, 20, 5), 0.05);
        AnnealedImportanceSampling.Estimate e = AnnealedImportanceSampling.builder().runs(100).intermediate(1000)
                .seed(7).build().estimate(r, cA);
        String msg = "exact " + exact + ", AIS " + e.logZ() + " [" + e.logZLower() + ", " + e.logZUpper() + "]";
        System.err.println("random 20-12: " + msg);
        assertTrue(Math.abs(e.logZ() - exact) < 0.1, msg);
        assertTrue(e.logZLower() - 0.02 <= exact && exact <= e.logZUpper() + 0.02, msg);
        assertTrue(e.logZLower() < e.logZ() && e.logZ() < e.logZUpper(), msg);
    }

    @Test
    void aisAgreesWithTheExactLogPartitionOfACdTrainedRbmAndMoreBetasShrinkTheError() {
        INDArray data = patterns(400, 20, 9);
        Rbm r = random(20, 12, 0.01, 13);
        r.visibleBias().assign(0);
        r.hiddenBias().assign(0);
        for (int step = 0; step < 400; step++) {
            int s = (step * 20) % 400;
            INDArray batch = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s, s + 20),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            ContrastiveDivergence.Estimate g = ContrastiveDivergence.estimate(r, batch, 1, null);
            r.weights().subi(g.weightGradient().muli(0.1 / 20));
            r.hiddenBias().subi(g.hiddenBiasGradient().muli(0.1 / 20));
            r.visibleBias().subi(g.visibleBiasGradient().muli(0.1 / 20));
        }
        double exact = RbmLikelihood.logPartition(r);
        double exactLl = RbmLikelihood.meanLogLikelihood(r, data, exact);
        assertTrue(exactLl > -12, "CD training should make the two prototypes likely: " + exactLl);
        INDArray cA = AnnealedImportanceSampling.baseRateBias(data, 0.05);
        double[] std = new double[3];
        double[] err = new double[3];
        int[] ks = {10, 100, 1000};
        for (int i = 0; i < ks.length; i++) {
            AnnealedImportanceSampling.Estimate e = AnnealedImportanceSampling.builder().runs(100).intermediate(ks[i])
                    .seed(21).build().estimate(r, cA);
            std[i] = e.logWeightStd();
            err[i] = Math.abs(e.logZ() - exact);
            String msg = "K " + ks[i] + ": exact " + exact + ", AIS " + e.logZ() + " [" + e.logZLower() + ", "
                    + e.logZUpper() + "], std of log w " + std[i];
            System.err.println("CD-trained 20-12: " + msg);
            if (ks[i] == 1000) {
                assertTrue(err[i] < 0.1, msg);
                assertTrue(e.logZLower() - 0.02 <= exact && exact <= e.logZUpper() + 0.02, msg);
            }
        }
        assertTrue(std[0] > std[1] && std[1] > 2 * std[2], java.util.Arrays.toString(std));
        assertTrue(err[2] < err[0], java.util.Arrays.toString(err));
    }

    @Test
    void aisAgreesWithTheExactLogPartitionOfA784x16Rbm() {
        Rbm r = random(784, 16, 0.05, 17);
        INDArray data = Nd4j.rand(DataType.DOUBLE, 300, 784).lt(0.2).castTo(DataType.DOUBLE);
        double exact = RbmLikelihood.logPartition(r);
        AnnealedImportanceSampling.Estimate e = AnnealedImportanceSampling.builder().runs(64).intermediate(1000)
                .seed(3).build().estimate(r, AnnealedImportanceSampling.baseRateBias(data, 0.05));
        String msg = "exact " + exact + ", AIS " + e.logZ() + " [" + e.logZLower() + ", " + e.logZUpper() + "]";
        System.err.println("random 784-16: " + msg);
        assertTrue(Math.abs(e.logZ() - exact) < 0.2, msg);
        assertTrue(e.logZLower() - 0.05 <= exact && exact <= e.logZUpper() + 0.05, msg);
    }

    @Test
    void sameSeedSameEstimate() {
        Rbm r = random(10, 6, 0.5, 1);
        INDArray cA = Nd4j.zeros(DataType.DOUBLE, 1, 10);
        AnnealedImportanceSampling ais = AnnealedImportanceSampling.builder().runs(5).intermediate(20).seed(4).build();
        assertEquals(ais.estimate(r, cA).logZ(), ais.estimate(r, cA).logZ(), 0.0);
    }

    @Test
    void baseRateBiasIsTheSmoothedLogOdds() {
        INDArray data = Nd4j.create(new double[][] {{1, 0, 1}, {1, 0, 0}});
        INDArray c = AnnealedImportanceSampling.baseRateBias(data, 0.05);
        double[] mean = {1, 0, 0.5};
        for (int i = 0; i < 3; i++) {
            double p = (mean[i] + 0.05) / 1.1;
            assertEquals(Math.log(p / (1 - p)), c.getDouble(i), 1e-12);
        }
        // with the base rates alone (no weights) the base model is the RBM itself: AIS is exact with one step
        Rbm flat = new Rbm(Nd4j.zeros(DataType.DOUBLE, 3, 2), Nd4j.zeros(DataType.DOUBLE, 1, 2), c.dup(),
                VisibleUnits.BINARY, 1);
        AnnealedImportanceSampling.Estimate e = AnnealedImportanceSampling.builder().runs(3).intermediate(1).build()
                .estimate(flat, c);
        assertEquals(RbmLikelihood.logPartition(flat), e.logZ(), 1e-10);
        assertEquals(e.logZBase(), e.logZ(), 1e-10);
    }

    @Test
    void paperScheduleHasItsKnotsAndLinearIsUniform() {
        double[] b = AnnealedImportanceSampling.builder().build().betas();
        assertEquals(14_501, b.length);
        assertEquals(0.0, b[0]);
        assertEquals(0.5, b[500], 1e-15);
        assertEquals(0.9, b[4500], 1e-15);
        assertEquals(1.0, b[14_500]);
        assertEquals(1e-3, b[1], 1e-15);
        assertEquals(1e-5, b[14_500] - b[14_499], 1e-12);
        for (int k : new int[] {1, 2, 3, 10, 1000}) {
            for (AnnealedImportanceSampling.Schedule s : AnnealedImportanceSampling.Schedule.values()) {
                double[] x = AnnealedImportanceSampling.betas(k, s);
                assertEquals(k + 1, x.length);
                assertEquals(0.0, x[0]);
                assertEquals(1.0, x[k]);
                for (int i = 1; i <= k; i++) {
                    assertTrue(x[i] > x[i - 1], s + " K " + k + " at " + i);
                }
            }
        }
        assertEquals(0.25, AnnealedImportanceSampling.betas(4, AnnealedImportanceSampling.Schedule.LINEAR)[1], 1e-15);
    }

    @Test
    void badOptionsNameTheParameterTheValueAndTheExpectation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnnealedImportanceSampling.builder().runs(0).build());
        assertEquals("runs = 0, expected >= 1 parallel AIS runs", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AnnealedImportanceSampling.builder().intermediate(0).build());
        assertTrue(e.getMessage().startsWith("intermediate = 0, expected >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AnnealedImportanceSampling.builder().schedule(null).build());
        assertTrue(e.getMessage().contains("schedule = null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AnnealedImportanceSampling.baseRateBias(Nd4j.zeros(2, 3), 0));
        assertTrue(e.getMessage().startsWith("smoothing = 0.0"), e.getMessage());
        Rbm r = random(4, 2, 1, 1);
        AnnealedImportanceSampling ais = AnnealedImportanceSampling.builder().runs(2).intermediate(2).build();
        e = assertThrows(IllegalArgumentException.class, () -> ais.estimate(r, Nd4j.zeros(DataType.DOUBLE, 1, 5)));
        assertEquals("baseVisibleBias: length 5, expected nVisible = 4", e.getMessage());
        Rbm g = new Rbm(r.weights(), r.hiddenBias(), r.visibleBias(), VisibleUnits.GAUSSIAN, 0.5);
        e = assertThrows(IllegalArgumentException.class, () -> ais.estimate(g, Nd4j.zeros(DataType.DOUBLE, 1, 4)));
        assertTrue(e.getMessage().contains("GAUSSIAN"), e.getMessage());
    }
}
