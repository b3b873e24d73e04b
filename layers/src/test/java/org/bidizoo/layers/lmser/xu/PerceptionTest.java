package org.bidizoo.layers.lmser.xu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Seed 001, Theorem 1: for sigmoid-type units the perception phase descends J_net monotonically and
 * reaches a fixed point of Xu's neuron z = s(y + u). Trained weights are checked in
 * {@code LmserPerceptionLayerTest}.
 */
class PerceptionTest {

    static DenseStack random(long seed, double scale, Activation hidden, Activation code, int... sizes) {
        Nd4j.getRandom().setSeed(seed);
        INDArray[] w = new INDArray[sizes.length - 1];
        for (int k = 0; k < w.length; k++) {
            w[k] = Nd4j.randn(DataType.DOUBLE, sizes[k], sizes[k + 1]).muli(scale / Math.sqrt(sizes[k]));
        }
        return DenseStack.of(hidden, code, Activation.SIGMOID, w);
    }

    static INDArray inputs(long seed, int b, int n) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, b, n);
    }

    /** Asserts J_net never rises, falls overall, and the end is a fixed point of z = s(y + u). */
    static void assertTheorem1(DenseStack s, INDArray x, PerceptionResult r, double tol) {
        double[] e = r.energy();
        assertEquals(r.iterations() + 1, e.length);
        for (int i = 1; i < e.length; i++) {
            assertTrue(e[i] <= e[i - 1] + 1e-12 * (1 + Math.abs(e[i - 1])),
                    "J_net rose at iteration " + i + ": " + e[i - 1] + " -> " + e[i]);
        }
        assertTrue(e[e.length - 1] < e[0] - 1e-6, "J_net did not fall: " + e[0] + " -> " + e[e.length - 1]);
        assertTrue(r.converged(), "not converged in " + r.iterations() + " iterations; last change "
                + r.change()[r.change().length - 1]);
        assertTrue(residual(s, r.activities()) < 10 * tol, "residual " + residual(s, r.activities()));
    }

    /** @return max |z_k − s(y_k + u_k)| over all levels */
    static double residual(DenseStack s, List<INDArray> z) {
        double m = 0;
        for (int k = 1; k <= s.levels(); k++) {
            INDArray net = s.up(k - 1, z.get(k - 1));
            if (k < s.levels()) {
                net.addi(s.down(k, z.get(k + 1)));
            }
            INDArray d = ActivationAdjoint.forward(s.activation(k), net).sub(z.get(k));
            m = Math.max(m, Transforms.abs(d, false).maxNumber().doubleValue());
        }
        return m;
    }

    @Test
    void sigmoidEnergyFallsToAFixedPointOnRandomWeights() {
        for (long seed = 1; seed <= 3; seed++) {
            DenseStack s = random(seed, 3.0, Activation.SIGMOID, Activation.SIGMOID, 20, 14, 9, 5);
            INDArray x = inputs(seed + 10, 16, 20);
            PerceptionResult r = Perception.discrete(1e-9, 500).run(s, x, true);
            assertTheorem1(s, x, r, 1e-9);
            assertTrue(r.iterations() > 2, "trivial dynamics: " + r.iterations() + " iterations");
        }
    }

    @Test
    void eulerStepsOfTheContinuousDynamicsAlsoDescend() {
        DenseStack s = random(4, 3.0, Activation.SIGMOID, Activation.SIGMOID, 20, 14, 9, 5);
        INDArray x = inputs(5, 8, 20);
        PerceptionResult slow = new Perception(1e-9, 5000, 0.3).run(s, x, true);
        assertTheorem1(s, x, slow, 1e-9);
        PerceptionResult fast = Perception.discrete(1e-9, 500).run(s, x, true);
        assertTrue(slow.iterations() > fast.iterations(), slow.iterations() + " vs " + fast.iterations());
        // the same fixed point
        for (int k = 1; k <= s.levels(); k++) {
            assertTrue(slow.activities().get(k).equalsWithEps(fast.activities().get(k), 1e-6), "level " + k);
        }
    }

    @Test
    void tanhAndLinearTopAlsoDescend() {
        DenseStack tanh = random(6, 2.0, Activation.TANH, Activation.TANH, 12, 10, 6);
        INDArray x = inputs(7, 8, 12).subi(0.5);
        assertTheorem1(tanh, x, Perception.discrete(1e-10, 1000).run(tanh, x, true), 1e-10);
        DenseStack linTop = random(8, 1.0, Activation.SIGMOID, Activation.IDENTITY, 12, 10, 6);
        assertTheorem1(linTop, x, Perception.discrete(1e-10, 1000).run(linTop, x, true), 1e-10);
    }

    @Test
    void oneLevelNeedsOneIteration() {
        DenseStack s = random(9, 1.0, Activation.SIGMOID, Activation.SIGMOID, 6, 3);
        PerceptionResult r = Perception.discrete(1e-12, 10).run(s, inputs(1, 4, 6), true);
        assertEquals(1, r.iterations());
        assertTrue(r.converged());
    }

    @Test
    void theCapStopsANonConvergedRunAndSaysSo() {
        DenseStack s = random(1, 3.0, Activation.SIGMOID, Activation.SIGMOID, 20, 14, 9, 5);
        PerceptionResult r = Perception.discrete(1e-14, 2).run(s, inputs(11, 16, 20), false);
        assertEquals(2, r.iterations());
        assertTrue(!r.converged());
        assertEquals(0, r.energy().length);
    }

    @Test
    void badInputsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Perception(0, 10, 1));
        assertEquals("tolerance = 0.0, expected a finite number > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Perception(1e-6, 0, 1));
        assertEquals("maxIterations = 0, expected >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Perception(1e-6, 5, 1.5));
        assertEquals("step = 1.5, expected a number in (0, 1]", e.getMessage());
        DenseStack s = random(1, 1.0, Activation.SIGMOID, Activation.SIGMOID, 6, 3);
        e = assertThrows(IllegalArgumentException.class,
                () -> Perception.discrete(1e-6, 5).run(s, Nd4j.zeros(DataType.DOUBLE, 2, 5), false));
        assertEquals("x: expected [batch, 6], got [2, 5]", e.getMessage());
        DenseStack relu = random(1, 1.0, Activation.RELU, Activation.SIGMOID, 6, 4, 3);
        e = assertThrows(IllegalArgumentException.class,
                () -> Perception.discrete(1e-6, 5).run(relu, Nd4j.zeros(DataType.DOUBLE, 2, 6), true));
        assertEquals("activation of level 1 is RELU; J_net (Theorem 1) needs SIGMOID, TANH or IDENTITY units",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DenseStack.of(Activation.SIGMOID, Activation.SIGMOID,
                Activation.SIGMOID, Nd4j.zeros(6, 4), Nd4j.zeros(5, 3)));
        assertEquals("weights[1] has shape [5, 3] but level 0 outputs 4 units; expected [4, n]", e.getMessage());
    }
}
