package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Vector API's loops give bit for bit what the scalar loops give (which {@link FusedTest} checks against the op
 * chain), on arrays long enough to run them, with row lengths and planes that leave tails, and on the values where
 * ReLU's forward and backward differ in sign handling (±0, denormals, infinities). The build's test JVM has the
 * incubating module, so the vector loops must be in use here.
 */
class VectorKernelsTest {

    @AfterEach
    void restore() {
        FloatKernels.useVector(true);
    }

    @Test
    void theTestJvmRunsTheVectorLoops() {
        assertTrue(FloatKernels.vectorized(), "surefire's argLine gives the JVM --add-modules "
                + FloatKernels.VECTOR_MODULE + ", so the vector loops must be on");
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKYRELU", "SIGMOID", "TANH", "IDENTITY"})
    void netActivateAndBackwardEqualTheScalarLoops(Activation act) {
        // 37 columns: every row leaves a tail; 50 rows: 1,850 elements, above the vector loops' threshold
        INDArray y = values(50, 37);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 37).subi(0.5);
        INDArray extra = values(50, 37);
        INDArray grad = values(50, 37);
        assertSame(arrays -> {
            StepArrays s = new StepArrays();
            Fused f = new Fused(s);
            INDArray yy = y.dup();
            INDArray net = y.ulike();
            INDArray out = y.ulike();
            f.netActivate(act, yy, bias, extra, net, out);
            INDArray noBias = y.ulike();
            INDArray noBiasNet = y.dup();
            f.netActivate(act, noBiasNet, null, extra, noBiasNet, act == Activation.IDENTITY ? noBiasNet : noBias);
            INDArray dst = y.ulike();
            f.activationBackward(act, net, out, grad, dst);
            INDArray acc = grad.dup();
            f.addInto(acc, dst);
            arrays.accept(new INDArray[] {yy, net, out, noBiasNet, noBias, dst, acc});
        });
    }

    @Test
    void perChannelBiasEqualsTheScalarLoop() {
        INDArray a = values(3 * 16, 7 * 9).reshape(3, 16, 7, 9); // planes of 63: vector part and tail
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 16);
        assertSame(arrays -> {
            INDArray x = a.dup();
            new Fused(new StepArrays()).addChannelBias(x, bias);
            arrays.accept(new INDArray[] {x});
        });
    }

    @Test
    void adamStepEqualsTheScalarLoop() {
        INDArray g = values(1, 1_003); // a tail after the registers
        INDArray m = Nd4j.rand(DataType.FLOAT, 1, 1_003).subi(0.5).muli(0.01);
        INDArray v = Nd4j.rand(DataType.FLOAT, 1, 1_003).muli(1e-4);
        assertSame(arrays -> {
            INDArray gg = g.dup().reshape(1_003);
            INDArray mm = m.dup().reshape(1_003);
            INDArray vv = v.dup().reshape(1_003);
            for (int step = 0; step < 3; step++) {
                AdamStep.floats(gg, mm, vv, 0.9, 0.999, 1e-3 * (step + 1), 1e-8);
            }
            arrays.accept(new INDArray[] {gg, mm, vv});
        });
    }

    @Test
    void theFiniteCheckAgreesWithTheScalarLoopWhereverTheBadValueIs() {
        int n = 1_003; // a tail after the registers
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7FC00001)};
        INDArray clean = Nd4j.rand(DataType.FLOAT, n).subi(0.5).muli(1e30f);
        clean.putScalar(3, Float.MAX_VALUE);
        clean.putScalar(4, -Float.MAX_VALUE);
        clean.putScalar(5, Float.MIN_VALUE);
        clean.putScalar(6, -0f);
        for (boolean vector : new boolean[] {true, false}) {
            FloatKernels.useVector(vector);
            assertTrue(FloatKernels.allFinite(HostMemory.address(clean), n), "vector loops " + vector);
            for (int at : new int[] {0, 17, 500, n - 20, n - 1}) { // the vector part and the tail
                for (float bad : specials) {
                    INDArray x = clean.dup();
                    x.putScalar(at, bad);
                    assertFalse(FloatKernels.allFinite(HostMemory.address(x), n),
                            bad + " at " + at + ", vector loops " + vector);
                }
            }
        }
    }

    /** Runs {@code body} with the vector loops on and off and compares every array it hands over, bit for bit. */
    private static void assertSame(Consumer<Consumer<INDArray[]>> body) {
        INDArray[][] results = new INDArray[2][];
        FloatKernels.useVector(true);
        body.accept(r -> results[0] = r);
        FloatKernels.useVector(false);
        body.accept(r -> results[1] = r);
        for (int i = 0; i < results[0].length; i++) {
            assertArrayEquals(bits(results[1][i]), bits(results[0][i]), "array " + i);
        }
    }

    static int[] bits(INDArray a) {
        float[] f = a.dup().data().asFloat();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    /** Random values around 0 with the special ones sprinkled in. */
    private static INDArray values(int rows, int cols) {
        INDArray v = Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY};
        for (int i = 0; i < special.length; i++) {
            v.putScalar((long) i * 97 % (rows * (long) cols), special[i]);
        }
        return v;
    }
}
