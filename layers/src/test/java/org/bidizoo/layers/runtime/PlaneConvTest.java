package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.transpose.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one-channel convolution, transposed convolution and weight gradient by im2col/col2im and OpenBLAS equal
 * libnd4j's {@code conv2d}, {@code deconv2d} and {@code conv2d_bp} (run in double, which stays with libnd4j) on
 * exact, cropped and unreached-edge geometries, square and not, batch 1 and more; {@link ConvKernels} takes this
 * path for float arrays (the convolution: stride 1); split over a team of two the result has the same bits.
 */
class PlaneConvTest {

    @ParameterizedTest(name = "height k{0} s{1} p{2}, width k{3} s{4} p{5}, image {6}×{7}, batch {8}")
    @CsvSource({
        "3, 1, 0, 3, 1, 0, 28, 28, 2",  // inversion's first level: 28 → 26
        "3, 2, 1, 3, 2, 1, 28, 28, 3",  // lmser-conv's first level: 28 → 14
        "3, 2, 1, 3, 2, 1, 10, 10, 1",  // 10 → 5, whose transpose reaches 9 rows: the last one is zero
        "2, 2, 0, 2, 2, 0, 5, 5, 2",    // 5 → 2: the fifth row and column no window reaches
        "5, 1, 2, 5, 1, 2, 9, 9, 1",    // 'same' padding
        "3, 1, 0, 2, 2, 1, 8, 11, 2",   // a different geometry per axis
        "3, 3, 1, 1, 1, 0, 11, 6, 2"
    })
    void equalsLibnd4j(int kh, int sh, int ph, int kw, int sw, int pw, int height, int width, int batch) {
        Nd4j.getRandom().setSeed(11);
        ConvGeometry gh = new ConvGeometry(kh, sh, ph);
        ConvGeometry gw = new ConvGeometry(kw, sw, pw);
        int h = gh.outputSize(height);
        int w = gw.outputSize(width);
        int channels = 4;
        INDArray z = Nd4j.randn(DataType.FLOAT, batch, channels, h, w);
        INDArray weights = Nd4j.randn(DataType.FLOAT, kh, kw, 1, channels);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, 1, height, width);
        INDArray bias = Nd4j.randn(DataType.FLOAT, channels);

        INDArray out = Nd4j.create(DataType.FLOAT, batch, 1, height, width).assign(Float.NaN);
        PlaneConv.transposed(z, weights, gh, gw, out);
        INDArray expected = ConvKernels.convT(z.castTo(DataType.DOUBLE), weights.castTo(DataType.DOUBLE), gh, gw,
                Nd4j.create(DataType.DOUBLE, batch, 1, height, width));
        assertClose(expected, out, "transposed convolution");
        INDArray viaKernels = ConvKernels.convT(z, weights, gh, gw, Nd4j.create(DataType.FLOAT, batch, 1, height, width));
        assertEquals(out, viaKernels, "ConvKernels.convT takes the one-channel path for float arrays");

        INDArray y = Nd4j.create(DataType.FLOAT, batch, channels, h, w).assign(Float.NaN);
        PlaneConv.forward(x, weights, bias, gh, gw, y);
        assertClose(ConvKernels.conv(x.castTo(DataType.DOUBLE), weights.castTo(DataType.DOUBLE),
                bias.castTo(DataType.DOUBLE), gh, gw), y, "convolution");
        if (sh == 1 && sw == 1) {
            assertEquals(y, ConvKernels.conv(x, weights, bias, gh, gw), "ConvKernels.conv takes the path (stride 1)");
        }

        INDArray dw = Nd4j.create(DataType.FLOAT, kh, kw, 1, channels).assign(Float.NaN);
        INDArray db = Nd4j.create(DataType.FLOAT, channels).assign(Float.NaN);
        ConvKernels.convWeightGradient(x, weights, bias, z, gh, gw, dw, db);
        INDArray[] ref = ConvKernels.convBackward(x.castTo(DataType.DOUBLE), weights.castTo(DataType.DOUBLE),
                bias.castTo(DataType.DOUBLE), z.castTo(DataType.DOUBLE), gh, gw);
        assertClose(ref[1], dw, "weight gradient");
        assertClose(ref[2], db, "bias gradient");
    }

    @Test
    void aTeamOfTwoGivesTheSameBits() {
        Nd4j.getRandom().setSeed(3);
        ConvGeometry g = new ConvGeometry(3, 1, 0);
        INDArray z = Nd4j.randn(DataType.FLOAT, 50, 32, 26, 26); // 1.1 M + 39 k elements: past the split threshold
        INDArray w = Nd4j.randn(DataType.FLOAT, 3, 3, 1, 32);
        assertTrue(z.length() >= NativeTeam.parallelMinElements());
        INDArray alone = Nd4j.create(DataType.FLOAT, 50, 1, 28, 28);
        PlaneConv.transposed(z, w, g, g, alone);
        int before = NativeThreads.current();
        NativeThreads.set(2);
        INDArray split = Nd4j.create(DataType.FLOAT, 50, 1, 28, 28);
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            assertEquals(2, NativeTeam.wideForElements(z.length()), "the scope remembers a team of two");
            PlaneConv.transposed(z, w, g, g, split);
        } finally {
            NativeThreads.set(before);
        }
        assertEquals(alone, split);
    }

    @Test
    void mismatchedShapesAreNamed() {
        ConvGeometry g = new ConvGeometry(3, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlaneConv.transposed(
                Nd4j.create(DataType.FLOAT, 2, 4, 25, 26), Nd4j.create(DataType.FLOAT, 3, 3, 1, 4), g, g,
                Nd4j.create(DataType.FLOAT, 2, 1, 28, 28)));
        assertTrue(e.getMessage().contains("maps [2, 4, 25, 26]"), e.getMessage());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, what + ": max difference " + diff + " at scale " + scale);
    }
}
