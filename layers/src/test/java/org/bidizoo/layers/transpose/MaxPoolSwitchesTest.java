package org.bidizoo.layers.transpose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.runtime.ConvKernels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaxPoolSwitchesTest {
    private static final ConvGeometry TWO = new ConvGeometry(2, 2, 0);

    @Test
    void unpoolingPutsEachValueAtItsWindowsArgmaxAndZeroElsewhere() {
        INDArray x = Nd4j.createFromArray(new double[] {
            1, 5, 0, 2,
            3, 4, 7, 1,
            9, 0, 2, 2,
            1, 8, 3, 6}).reshape(1, 1, 4, 4);
        MaxPoolSwitches.Pooled p = MaxPoolSwitches.pool(x, TWO, TWO, 0, 0, 2, 2);
        assertEquals(Nd4j.createFromArray(new double[] {5, 7, 9, 6}).reshape(1, 1, 2, 2), p.output());
        assertArrayEquals(new int[] {1, 6, 8, 15}, p.switches().switches());
        INDArray y = Nd4j.createFromArray(new double[] {-1, 2, 3, 4}).reshape(1, 1, 2, 2);
        INDArray expected = Nd4j.createFromArray(new double[] {
            0, -1, 0, 0,
            0, 0, 2, 0,
            3, 0, 0, 0,
            0, 0, 0, 4}).reshape(1, 1, 4, 4);
        assertEquals(expected, p.switches().unpool(y));
    }

    @Test
    void equalsLibnd4jsPoolingAndItsBackwardPassOnRandomInput() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 8);
        MaxPoolSwitches.Pooled p = MaxPoolSwitches.pool(x, TWO, TWO, 0, 0, 3, 4);
        assertEquals(ConvKernels.maxPool(x, 2, 2), p.output());
        INDArray g = Nd4j.randn(DataType.DOUBLE, 3, 2, 3, 4);
        assertTrue(ConvKernels.poolBackward(x, g, 2, 2, true).equalsWithEps(p.switches().unpool(g), 1e-12));
    }

    @Test
    void overlappingAndPaddedWindowsReadOnlyTheInput() {
        INDArray x = Nd4j.createFromArray(new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}).reshape(1, 1, 3, 3);
        ConvGeometry g = new ConvGeometry(3, 2, 1);
        MaxPoolSwitches.Pooled p = MaxPoolSwitches.pool(x, g, g, 1, 1, 2, 2);
        // padding never wins, even against negative values
        assertEquals(Nd4j.createFromArray(new double[] {-1, -2, -4, -5}).reshape(1, 1, 2, 2), p.output());
        INDArray u = p.switches().unpool(Nd4j.ones(DataType.DOUBLE, 1, 1, 2, 2));
        assertEquals(4.0, u.sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> p.switches().unpool(Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 3)));
    }
}
