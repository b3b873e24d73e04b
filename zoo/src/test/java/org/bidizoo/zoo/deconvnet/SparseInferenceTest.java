package org.bidizoo.zoo.deconvnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class SparseInferenceTest {
    /** Images made by the filters from sparse maps, plus noise: a fixed problem with a known good answer. */
    private static INDArray images(ConvDictionary d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray z = Nd4j.randn(DataType.DOUBLE, 3, d.maps(), 16, 16);
        z.muli(Nd4j.rand(DataType.DOUBLE, z.shape()).gt(0.95).castTo(DataType.DOUBLE));
        return d.decode(z).addi(Nd4j.randn(DataType.DOUBLE, 3, d.channels(), 12, 12).muli(0.05));
    }

    @Test
    void adjointIsTheTransposeOfDecoding() {
        ConvDictionary d = ConvDictionary.random(4, 2, 5, DataType.DOUBLE, 3);
        INDArray z = Nd4j.randn(DataType.DOUBLE, 2, 4, 14, 13);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 2, 2, 10, 9);
        assertEquals(d.decode(z).mul(r).sumNumber().doubleValue(), z.mul(d.adjoint(r)).sumNumber().doubleValue(),
                1e-9);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, d.filters().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).norm2Number().doubleValue(), 1e-12);
        }
    }

    @Test
    void istaLowersJAtEveryIterationForPOneAndOneAndAHalf() {
        ConvDictionary d = ConvDictionary.random(6, 1, 5, DataType.DOUBLE, 1);
        INDArray y = images(d, 2);
        for (double p : new double[] {1, 1.5}) {
            SparseInference.Result r = SparseInference.infer(d, y, 4, p, 40, false);
            List<Double> j = r.objective();
            assertEquals(41, j.size());
            for (int i = 1; i < j.size(); i++) {
                assertTrue(j.get(i) <= j.get(i - 1) * (1 + 1e-12), "p " + p + ", iteration " + i + ": " + j);
            }
            assertTrue(j.get(40) < 0.6 * j.get(0), "p " + p + ": " + j);
            assertEquals(SparseInference.objective(d, y, r.maps(), 4, p), r.finalObjective(), 1e-9);
        }
        SparseInference.Result r = SparseInference.infer(d, y, 4, 1, 40, false);
        assertTrue(ConvDictionary.zeroFraction(r.maps()) > 0.5, "p = 1 gives exact zeros");
    }

    @Test
    void fistaReachesALowerJThanIstaInEqualSteps() {
        ConvDictionary d = ConvDictionary.random(6, 1, 5, DataType.DOUBLE, 4);
        INDArray y = images(d, 5);
        for (int steps : new int[] {20, 50}) {
            double ista = SparseInference.infer(d, y, 4, 1, steps, false).finalObjective();
            double fista = SparseInference.infer(d, y, 4, 1, steps, true).finalObjective();
            assertTrue(fista < ista, steps + " steps: FISTA " + fista + " vs ISTA " + ista);
        }
    }

    @Test
    void proxMinimisesItsObjective() {
        INDArray v = Nd4j.createFromArray(-2.0, -0.3, 0.0, 0.2, 1.5, 4.0);
        double t = 0.5;
        assertEquals(Nd4j.createFromArray(-1.5, 0.0, 0.0, 0.0, 1.0, 3.5), SparsityProx.apply(v, t, 1));
        assertTrue(Nd4j.createFromArray(-1.0, -0.15, 0.0, 0.1, 0.75, 2.0).equalsWithEps(SparsityProx.apply(v, t, 2),
                1e-12));
        for (double p : new double[] {1, 1.3, 1.7, 2}) {
            INDArray u = SparsityProx.apply(v, t, p);
            for (int i = 0; i < v.length(); i++) {
                double vi = v.getDouble(i);
                double best = obj(u.getDouble(i), vi, t, p);
                for (double du : new double[] {-1e-3, 1e-3, -0.1, 0.1}) {
                    assertTrue(best <= obj(u.getDouble(i) + du, vi, t, p) + 1e-12, "p " + p + ", v " + vi);
                }
            }
        }
    }

    private static double obj(double u, double v, double t, double p) {
        return 0.5 * (u - v) * (u - v) + t * Math.pow(Math.abs(u), p);
    }

    @Test
    void aFilterGradientStepOfOneOverLLowersTheReconstructionTerm() {
        ConvDictionary d = ConvDictionary.random(6, 1, 5, DataType.DOUBLE, 6);
        INDArray y = images(ConvDictionary.random(6, 1, 5, DataType.DOUBLE, 7), 8);
        INDArray z = SparseInference.infer(d, y, 4, 1, 20, true).maps();
        double before = Transforms.pow(d.decode(z).sub(y), 2).sumNumber().doubleValue();
        INDArray g = d.filterGradient(z, d.decode(z).subi(y));
        double l = d.filterNormSquared(z, 30) * 1.01;
        ConvDictionary stepped = new ConvDictionary(d.filters().sub(g.div(l)));
        double after = Transforms.pow(stepped.decode(z).sub(y), 2).sumNumber().doubleValue();
        assertTrue(after < before, after + " vs " + before);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertEquals("lambda = -1.0: expected a finite value > 0 (the weight of the reconstruction term of J)",
                assertThrows(IllegalArgumentException.class, () -> DeconvNetConfig.builder().lambda(-1).build())
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeconvNetConfig.builder().p(0.5).build())
                .getMessage().startsWith("p = 0.5: expected 1 <= p <= 2"));
        assertEquals("steps = 0: expected >= 1 ISTA/FISTA iterations", assertThrows(IllegalArgumentException.class,
                () -> DeconvNetConfig.builder().inferenceSteps(0).build()).getMessage());
        ConvDictionary d = ConvDictionary.random(2, 1, 3, DataType.DOUBLE, 1);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 1, 1, 6, 6);
        assertEquals("p = 2.5: expected 1 <= p <= 2", assertThrows(IllegalArgumentException.class,
                () -> SparseInference.infer(d, y, 1, 2.5, 3, false)).getMessage());
        assertEquals("steps = 0: expected >= 1 ISTA/FISTA iterations", assertThrows(IllegalArgumentException.class,
                () -> SparseInference.infer(d, y, 1, 1, 0, false)).getMessage());
    }
}
