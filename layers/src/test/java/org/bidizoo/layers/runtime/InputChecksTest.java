package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The finiteness check on every layer's input: float memory loop, views and doubles through ND4J. */
class InputChecksTest {
    private static String error(INDArray x, DataType dt) {
        return assertThrows(IllegalArgumentException.class, () -> InputChecks.requireUsable("L", x, dt)).getMessage();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void nonFiniteValuesAreNamedByRowAndHugeFiniteOnesPass(DataType dt) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            INDArray x = Nd4j.rand(dt, 5, 7);
            x.putScalar(3, 6, bad);
            assertEquals("L: input row 3 holds NaN or infinity", error(x, dt), "value " + bad);
            INDArray wide = Nd4j.rand(dt, 5, 9);
            wide.putScalar(2, 1, bad);
            INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 7)); // not contiguous
            assertEquals("L: input row 2 holds NaN or infinity", error(view, dt), "view, value " + bad);
        }
        INDArray huge = Nd4j.valueArrayOf(new long[] {4, 6}, 3e38, dt); // its sum overflows float
        assertDoesNotThrow(() -> InputChecks.requireUsable("L", huge, dt));
        assertDoesNotThrow(() -> InputChecks.requireUsable("L", Nd4j.rand(dt, 1, 3), dt));
    }
}
