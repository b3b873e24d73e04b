package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bidizoo.layers.transpose.ConvGeometry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transposed convolution's bias, added and differentiated inside libnd4j's {@code deconv2d} and {@code deconv2d_bp},
 * equals the bias added per channel afterwards and the gradient's channel sums — on an exact level, a cropped one and one
 * whose output reaches past the transposed convolution (rows that hold the bias alone), in float and double.
 */
class ConvKernelsTest {

    @ParameterizedTest(name = "k{0} s{1} p{2}, input {3}, {4}")
    @CsvSource({
        "3, 2, 1, 7, FLOAT", "3, 2, 1, 7, DOUBLE",     // 7 → 4 → 7: exact
        "3, 2, 1, 10, FLOAT", "3, 2, 1, 10, DOUBLE",   // 10 → 5 → 9 + 1 cropped
        "2, 2, 0, 5, FLOAT", "2, 2, 0, 5, DOUBLE"      // 5 → 2 → 4: the last row beyond the reach
    })
    void biasInsideTheKernelEqualsTheBiasAddedAfterwards(int k, int s, int p, int size, DataType type) {
        Nd4j.getRandom().setSeed(7);
        ConvGeometry g = new ConvGeometry(k, s, p);
        int zSize = g.outputSize(size);
        INDArray z = Nd4j.randn(type, 3, 4, zSize, zSize);
        INDArray w = Nd4j.randn(type, k, k, 2, 4);
        INDArray bias = Nd4j.randn(type, 2);
        INDArray withBias = ConvKernels.convT(z, w, bias, g, g, Nd4j.create(type, 3, 2, size, size));
        INDArray plain = ConvKernels.convT(z, w, g, g, Nd4j.create(type, 3, 2, size, size));
        INDArray expected = plain.addi(Nd4j.tile(bias.reshape(1, 2, 1, 1), 3, 1, size, size));
        assertEquals(0, expected.sub(withBias).norm2Number().doubleValue(), 1e-4);

        INDArray gradOut = Nd4j.randn(type, 3, 2, size, size);
        INDArray[] withGrads = ConvKernels.convTBackward(z, w, bias, gradOut, g, g, z.ulike(), w.ulike(), bias.ulike());
        INDArray[] plainGrads = ConvKernels.convTBackward(z, w, gradOut, g, g, z.ulike(), w.ulike());
        assertEquals(0, plainGrads[0].sub(withGrads[0]).norm2Number().doubleValue(), 1e-4, "dz");
        assertEquals(0, plainGrads[1].sub(withGrads[1]).norm2Number().doubleValue(), 1e-4, "dW");
        INDArray expectedDb = gradOut.sum(0, 2, 3);
        assertEquals(0, expectedDb.sub(withGrads[2]).norm2Number().doubleValue(), 1e-4, "dBias");
    }
}
