package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link AdamStep}: one step equals Adam's formula element by element (in double, to float rounding), and arrays it
 * cannot take are refused with a message naming them. (Its loops' bit-equality is {@link VectorKernelsTest}'s; its
 * agreement with DL4J's Adam over many steps is FastAdamTest's.)
 */
class AdamStepTest {

    @Test
    void oneStepIsAdamsFormula() {
        INDArray g = Nd4j.rand(DataType.FLOAT, 1_000).subi(0.5);
        INDArray m = Nd4j.rand(DataType.FLOAT, 1_000).subi(0.5).muli(0.01);
        INDArray v = Nd4j.rand(DataType.FLOAT, 1_000).muli(1e-4);
        double b1 = 0.9;
        double b2 = 0.999;
        double alpha = 1e-3;
        double eps = 1e-8;
        INDArray gd = g.castTo(DataType.DOUBLE);
        INDArray md = m.castTo(DataType.DOUBLE).muli(b1).addi(gd.mul(1 - b1));
        INDArray vd = v.castTo(DataType.DOUBLE).muli(b2).addi(gd.mul(gd).muli(1 - b2));
        INDArray step = md.mul(alpha).divi(Transforms.sqrt(vd, true).addi(eps));
        AdamStep.floats(g, m, v, b1, b2, alpha, eps);
        assertEquals(0, md.sub(m.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-8, "m");
        assertEquals(0, vd.sub(v.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-9, "v");
        assertEquals(0, step.sub(g.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-6, "the step");
    }

    @Test
    void refusesArraysItCannotTake() {
        INDArray f = Nd4j.zeros(DataType.FLOAT, 10);
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 10);
        assertTrue(AdamStep.supports(f));
        assertFalse(AdamStep.supports(d));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> AdamStep.floats(f, d, f.dup(), 0.9, 0.999, 1e-3, 1e-8));
        assertEquals("AdamStep.floats needs contiguous float arrays in host memory, got FLOAT, DOUBLE, FLOAT",
                type.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> AdamStep.floats(f, Nd4j.zeros(DataType.FLOAT, 9), f.dup(), 0.9, 0.999, 1e-3, 1e-8));
        assertEquals("lengths: gradient 10, m 9, v 10; expected all equal", length.getMessage());
        INDArray strided = Nd4j.zeros(DataType.FLOAT, 10, 2).getColumn(0);
        assertFalse(AdamStep.supports(strided), "a strided view is not contiguous");
    }
}
