package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The block copy equals ND4J's region assign into zeros: a crop, a zero-padding, rows short and long. */
class PlaneCopyTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void cropAndPadEqualTheRegionAssign(DataType dt) {
        for (long[] c : new long[][] {
            // src H, W, dst H, W, sr, sc, dr, dc, h, w
            {29, 29, 28, 28, 1, 1, 0, 0, 28, 28},   // the crop of a 28x28 level
            {7, 7, 8, 8, 1, 1, 0, 0, 6, 6},         // a crop short of the output: zero beyond
            {28, 28, 29, 29, 0, 0, 1, 1, 28, 28},   // the zero-padding before deconv2d_bp
            {4, 4, 5, 5, 0, 0, 1, 1, 4, 4},         // rows of four floats
            {3, 40, 4, 41, 0, 0, 1, 1, 3, 40}}) {   // rows longer than the word loop
            INDArray src = Nd4j.rand(dt, 2, 3, c[0], c[1]);
            INDArray dst = Nd4j.rand(dt, 2, 3, c[2], c[3]); // garbage that must be overwritten
            assertTrue(PlaneCopy.supports(src, dst));
            PlaneCopy.block(src, dst, c[4], c[5], c[6], c[7], c[8], c[9]);
            INDArray expected = Nd4j.zeros(dt, 2, 3, c[2], c[3]);
            expected.get(ConvKernels.region(c[6], c[8], c[7], c[9]))
                    .assign(src.get(ConvKernels.region(c[4], c[8], c[5], c[9])));
            assertEquals(expected, dst, java.util.Arrays.toString(c));
        }
    }

    @Test
    void refusesWhatItCannotCopy() {
        INDArray src = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5);
        assertFalse(PlaneCopy.supports(src, Nd4j.rand(DataType.DOUBLE, 2, 3, 5, 5)));
        assertFalse(PlaneCopy.supports(src, Nd4j.rand(DataType.FLOAT, 2, 4, 5, 5)));
        assertFalse(PlaneCopy.supports(src.permute(0, 1, 3, 2), Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlaneCopy.block(src, Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4), 0, 0, 0, 0, 5, 5));
        assertTrue(e.getMessage().contains("out of bounds"), e.getMessage());
    }
}
