package org.bidizoo.layers.transpose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bidizoo.layers.inversion.InvertibleShapes;
import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.layers.lmser.LmserLevel;
import org.bidizoo.layers.lmser.LmserShapes;
import org.junit.jupiter.api.Test;

/** The one descriptor of a weighted map, and the two families' shape inference that runs on it. */
class LinearMapTest {
    @Test
    void shapesOfDenseAndConvolutionalMaps() {
        LinearMap conv = LinearMap.conv(8, new ConvGeometry(3, 2, 1), new ConvGeometry(3, 2, 1));
        assertArrayEquals(new long[] {8, 14, 14}, conv.outputShape(new long[] {1, 28, 28}, "c"));
        assertArrayEquals(new long[] {3, 3, 1, 8}, conv.weightShape(new long[] {1, 28, 28}));
        assertEquals(1, conv.transposeBiasSize(new long[] {1, 28, 28}));
        LinearMap oneD = LinearMap.conv(4, ConvGeometry.IDENTITY, new ConvGeometry(5, 1, 0));
        assertArrayEquals(new long[] {4, 1, 96}, oneD.outputShape(new long[] {2, 1, 100}, "c"));
        assertArrayEquals(new long[] {1, 5, 2, 4}, oneD.weightShape(new long[] {2, 1, 100}));
        LinearMap dense = LinearMap.dense(10);
        assertArrayEquals(new long[] {10}, dense.outputShape(new long[] {8, 14, 14}, "d"));
        assertArrayEquals(new long[] {1568, 10}, dense.weightShape(new long[] {8, 14, 14}));
        assertEquals(1568, dense.transposeBiasSize(new long[] {8, 14, 14}));
        assertEquals(10, dense.biasSize());
    }

    @Test
    void badMapsAndInputsAreNamed() {
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> LinearMap.dense(0));
        assertTrue(units.getMessage().contains("units = 0, expected >= 1"), units.getMessage());
        LinearMap conv = LinearMap.conv(2, new ConvGeometry(9, 1, 0), new ConvGeometry(9, 1, 0));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> conv.outputShape(new long[] {1, 5, 5}, "level 0 (x)"));
        assertTrue(big.getMessage().contains("level 0 (x): kernel 9 is larger than its padded input 5x5"),
                big.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> conv.outputShape(new long[] {25}, "step 3"));
        assertTrue(flat.getMessage().contains("step 3 needs a [C, H, W] input but gets [25]"), flat.getMessage());
    }

    @Test
    void lmserLevelsAndInvertibleStepsDescribeTheSameMapsAndShapes() {
        long[] in = {1, 28, 28};
        LmserLevel level = LmserLevel.conv(16, 4, 2, 1);
        InvertibleStep step = InvertibleStep.conv(16, 4, 2, 1);
        assertEquals(level.map(), step.map(1));
        LmserShapes ls = LmserShapes.of(in, List.of(level, LmserLevel.dense(32)));
        InvertibleShapes is = InvertibleShapes.of(in, List.of(step, InvertibleStep.dense(32)));
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(ls.shape(k), is.shape(k), "activity " + k);
        }
        assertArrayEquals(ls.weightShape(0, level), is.weightShape(0));
        assertArrayEquals(ls.weightShape(1, LmserLevel.dense(32)), is.weightShape(1));
        InvertibleStep res = InvertibleStep.residual(3, org.nd4j.linalg.activations.Activation.RELU);
        assertArrayEquals(new long[] {3, 3, 16, 16}, res.map(16).weightShape(new long[] {16, 14, 14}));
    }
}
