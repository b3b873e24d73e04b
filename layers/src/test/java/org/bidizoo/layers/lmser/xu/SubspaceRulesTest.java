package org.bidizoo.layers.lmser.xu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seed 001's one-layer linear rules: eqn (10a) is the local rule with linear units; true PCA by the
 * symmetry-broken rule (eigenvectors in order); Theorem 4 for Oja's subspace rule.
 */
class SubspaceRulesTest {
    private static final double[] LAMBDA = {9, 4, 2, 1, 0.5, 0.3, 0.2, 0.1};

    private static INDArray smallRandom(long seed, int n, int k, double scale) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, n, k).muli(scale);
    }

    @Test
    void linearRuleIsTheLocalRuleWithLinearUnits() {
        INDArray w = smallRandom(1, 8, 3, 0.5);
        INDArray x = new KnownCovariance(2, LAMBDA).sample(40, new Random(3));
        DenseStack s = DenseStack.of(Activation.IDENTITY, Activation.IDENTITY, Activation.IDENTITY, w);
        StackDirections local = LocalLmserRule.reconstruction(s, x, Perception.discrete(1e-12, 5).run(s, x, false));
        assertTrue(new LinearLmserRule().direction(w, x).equalsWithEps(local.weights().get(0), 1e-10));
    }

    @Test
    void brokenSymmetryFindsTheEigenvectorsInOrder() {
        KnownCovariance data = new KnownCovariance(4, LAMBDA);
        SymmetryBrokenLmserRule rule = new SymmetryBrokenLmserRule(1.0, 0.8, 0.6);
        for (long seed = 0; seed < 2; seed++) {
            SubspaceTraining.Curve c = SubspaceTraining.run(rule, smallRandom(seed, 8, 3, 0.1), data,
                    new Random(seed), 0.05, 128, 800, 800);
            double[] angles = c.columnAngles()[c.columnAngles().length - 1];
            for (int i = 0; i < 3; i++) {
                assertTrue(angles[i] < 5, "seed " + seed + ": unit " + i + " is " + angles[i]
                        + " degrees from eigenvector " + i + " (all: " + Arrays.toString(angles) + ")");
            }
        }
    }

    @Test
    void theSymmetricRuleFindsOnlyTheSubspace() {
        KnownCovariance data = new KnownCovariance(4, LAMBDA);
        SubspaceTraining.Curve c = SubspaceTraining.run(new LinearLmserRule(), smallRandom(0, 8, 3, 0.1), data,
                new Random(0), 0.05, 128, 800, 800);
        double[] angles = c.columnAngles()[c.columnAngles().length - 1];
        assertTrue(c.largestAngle()[c.largestAngle().length - 1] < 5, "subspace angle " + c.largestAngle()[1]);
        // the same start and samples: the plain rule leaves the units rotated within the subspace
        assertTrue(Arrays.stream(angles).max().getAsDouble() > 10, "column angles " + Arrays.toString(angles));
    }

    /** 2n samples ±σ√n e_i: second moment exactly σ² I. */
    private static INDArray isotropic(int n, double sigma) {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2 * n, n);
        for (int i = 0; i < n; i++) {
            x.putScalar(2 * i, i, sigma * Math.sqrt(n));
            x.putScalar(2 * i + 1, i, -sigma * Math.sqrt(n));
        }
        return x;
    }

    private static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    @Test
    void theorem4OjaProjectsPositivelyOnLmserAndTheIdentityHoldsForIsotropicData() {
        OjaSubspaceRule oja = new OjaSubspaceRule();
        LinearLmserRule lmser = new LinearLmserRule();
        INDArray iso = isotropic(8, 1.5);
        for (long seed = 0; seed < 5; seed++) {
            INDArray w = smallRandom(seed, 8, 3, 0.3 + 0.4 * seed);
            INDArray g0 = oja.direction(w, iso);
            INDArray g = lmser.direction(w, iso);
            assertEquals(2 * dot(g0, g0), dot(g0, g), 1e-9 * dot(g0, g0), "seed " + seed);
        }
        INDArray x = new KnownCovariance(5, LAMBDA).sample(4000, new Random(6));
        double minRatio = Double.POSITIVE_INFINITY;
        double maxRatio = 0;
        for (long seed = 0; seed < 40; seed++) {
            INDArray w = smallRandom(seed, 8, 3, 0.05 + 0.05 * seed);
            INDArray g0 = oja.direction(w, x);
            double ratio = dot(g0, lmser.direction(w, x)) / dot(g0, g0);
            minRatio = Math.min(minRatio, ratio);
            maxRatio = Math.max(maxRatio, ratio);
        }
        assertTrue(minRatio > 0, "E(vec G0)ᵗE(vec G) ≤ 0 somewhere: ratio " + minRatio);
        assertTrue(maxRatio <= 2 + 1e-9, "ratio above 2: " + maxRatio);
        // with a non-isotropic covariance the printed equality is not an identity
        assertTrue(minRatio < 1.9, "ratio always 2? min " + minRatio);
    }

    @Test
    void ojasAverageIsTheFirstHalfOfLmsersAverage() {
        INDArray w = smallRandom(9, 8, 3, 0.7);
        INDArray x = new KnownCovariance(5, LAMBDA).sample(64, new Random(1));
        INDArray y = x.mmul(w);
        INDArray u = y.mmul(w.transpose());
        INDArray firstHalf = x.sub(u).transpose().mmul(y).divi(64);
        assertTrue(new OjaSubspaceRule().direction(w, x).equalsWithEps(firstHalf, 1e-10));
    }

    @Test
    void badGainsAndSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SymmetryBrokenLmserRule(1.0, 1.0, 0.5));
        assertEquals("gains[1] = 1.0 in [1.0, 1.0, 0.5]; expected finite a_1 > a_2 > … > a_n > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SymmetryBrokenLmserRule(1.0, -0.5));
        assertEquals("gains[1] = -0.5 in [1.0, -0.5]; expected finite a_1 > a_2 > … > a_n > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SymmetryBrokenLmserRule(1.0, 0.5).direction(Nd4j.zeros(8, 3), Nd4j.zeros(2, 8)));
        assertEquals("w has 3 output units but 2 gains were given; expected one gain per unit", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KnownCovariance(1, 1.0, 2.0));
        assertEquals("eigenvalues[1] = 2.0 in [1.0, 2.0]; expected finite λ_1 ≥ λ_2 ≥ … > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SubspaceTraining.run(new OjaSubspaceRule(),
                Nd4j.zeros(8, 2), new KnownCovariance(1, LAMBDA), new Random(1), 0, 1, 1, 1));
        assertEquals("rate = 0.0, batch = 1, steps = 1, recordEvery = 1; expected rate > 0 and the others >= 1",
                e.getMessage());
    }
}
