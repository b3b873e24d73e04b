package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct OpenBLAS path of {@link Gemm} equals libnd4j's GEMM for every transpose, accumulation, type and view. */
class GemmTest {

    @Test
    void theDirectPathIsAvailableOnTheCpuBackend() {
        // the CPU backend ships OpenBLAS: if it stopped loading, every small GEMM would silently fall back
        assertTrue(Gemm.directMaxMacs() > 0, "OpenBLAS not loaded: the direct path is off");
    }

    @Test
    void equalsLibnd4jForEveryTransposeAndAccumulation() {
        Nd4j.getRandom().setSeed(7);
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tol = dt == DataType.FLOAT ? 1e-4 : 1e-12;
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        int m = 7;
                        int k = 5;
                        int n = 3;
                        INDArray a = ta ? Nd4j.rand(dt, k, m) : Nd4j.rand(dt, m, k);
                        INDArray b = tb ? Nd4j.rand(dt, n, k) : Nd4j.rand(dt, k, n);
                        INDArray c0 = Nd4j.rand(dt, m, n);
                        INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b);
                        if (acc) {
                            expected.addi(c0);
                        }
                        INDArray c = c0.dup();
                        assertSame(c, Gemm.gemm(a, b, c, ta, tb, acc));
                        assertClose(expected, c, tol, dt + " ta=" + ta + " tb=" + tb + " acc=" + acc);
                    }
                }
            }
        }
    }

    @Test
    void viewsWithOffsetsAndNonContiguousArraysGiveTheSameResult() {
        Nd4j.getRandom().setSeed(3);
        // parameters as DL4J holds them: row views of one flat vector, at an offset
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 100);
        INDArray w = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(17, 17 + 24)).reshape(4, 6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 6);
        Gemm.gemm(x, w, c, false, false, false);
        assertClose(x.mmul(w.dup()), c, 1e-5, "offset view");
        // a column slice is not contiguous: libnd4j's path takes it, with the same answer
        INDArray big = Nd4j.rand(DataType.FLOAT, 3, 9);
        INDArray slice = big.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6));
        INDArray c2 = Nd4j.create(DataType.FLOAT, 3, 6);
        Gemm.gemm(slice, w, c2, false, false, false);
        assertClose(slice.dup().mmul(w.dup()), c2, 1e-5, "strided view");
    }

    @Test
    void aLargeProductTakesLibnd4jsPathWithTheSameResult() {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.rand(DataType.FLOAT, 200, 150);
        INDArray b = Nd4j.rand(DataType.FLOAT, 150, 100);
        assertTrue(200L * 150 * 100 > Gemm.directMaxMacs() / 2, "the sizes straddle the threshold");
        INDArray c = Nd4j.create(DataType.FLOAT, 200, 100);
        Gemm.gemm(a, b, c, false, false, false);
        assertClose(a.mmul(b), c, 1e-3, "large");
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), tol * Math.max(1, expected.amaxNumber().doubleValue()),
                what);
    }
}
