package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.bidizoo.layers.runtime.VectorKernelsTest.bits;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.bidizoo.layers.transpose.ActivationAdjoint.Kept;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FloatAdjoint} gives {@link ActivationAdjoint}'s bits (output, slope, slope times a gradient) with the vector
 * loops on and off, on a 4-D array whose length leaves a tail, including ±0 and infinities; other types and
 * activations go to {@link ActivationAdjoint} itself.
 */
class FloatAdjointTest {

    @AfterEach
    void restore() {
        FloatKernels.useVector(true);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reluAndLeakyReluEqualActivationAdjoint(boolean vector) {
        FloatKernels.useVector(vector);
        INDArray pre = Nd4j.rand(DataType.FLOAT, 3, 5, 7, 11).subi(0.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, 3, 5, 7, 11).subi(0.5);
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -1e-30f};
        for (int i = 0; i < special.length; i++) {
            pre.putScalar(i * 131L, special[i]);
            g.putScalar(i * 131L + 1, special[i]);
        }
        for (Activation a : new Activation[] {Activation.RELU, Activation.LEAKYRELU}) {
            Kept want = ActivationAdjoint.keep(a, pre);
            Kept got = FloatAdjoint.keep(a, pre);
            assertArrayEquals(bits(want.out()), bits(got.out()), a + " output");
            assertArrayEquals(bits(want.slope()), bits(got.slope()), a + " slope");
            assertArrayEquals(bits(want.times(g)), bits(FloatAdjoint.times(got, g)), a + " slope times g");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "IDENTITY"})
    void otherActivationsAreActivationAdjoints(Activation a) {
        INDArray pre = Nd4j.rand(DataType.FLOAT, 4, 9).subi(0.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, 4, 9);
        Kept want = ActivationAdjoint.keep(a, pre);
        Kept got = FloatAdjoint.keep(a, pre);
        assertEquals(want.out(), got.out());
        assertEquals(want.times(g), FloatAdjoint.times(got, g));
        if (a == Activation.IDENTITY) {
            assertSame(g, FloatAdjoint.times(got, g), "IDENTITY's slope is 1: g itself");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELU", "LEAKYRELU"})
    void doublesGoToActivationAdjoint(String name) {
        Activation a = Activation.valueOf(name);
        INDArray pre = Nd4j.rand(DataType.DOUBLE, 4, 9).subi(0.5);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 4, 9);
        Kept got = FloatAdjoint.keep(a, pre);
        assertEquals(ActivationAdjoint.keep(a, pre).out(), got.out());
        assertEquals(DataType.DOUBLE, FloatAdjoint.times(got, g).dataType());
        assertEquals(ActivationAdjoint.keep(a, pre).times(g), FloatAdjoint.times(got, g));
    }
}
