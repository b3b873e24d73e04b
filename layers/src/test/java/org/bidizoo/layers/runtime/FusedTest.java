package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The fused loops equal the same chain of ND4J ops, on fresh arrays and on views with offsets. */
class FusedTest {

    @ParameterizedTest
    @EnumSource(value = Activation.class,
            names = {"RELU", "LEAKYRELU", "SIGMOID", "TANH", "IDENTITY", "ELU", "SOFTPLUS"})
    void forwardAndBackwardEqualTheOpChain(Activation act) {
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-5;
            Fused f = new Fused(new StepArrays());
            // parameters as DL4J holds them: views into one flat vector, at an offset
            INDArray flat = Nd4j.rand(dt, 1, 40).subi(0.5);
            INDArray flatBefore = flat.dup();
            INDArray bias = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(13, 18));
            INDArray y = Nd4j.rand(dt, 4, 5).subi(0.5);
            INDArray extra = Nd4j.rand(dt, 4, 5).subi(0.5);
            INDArray pre = y.addRowVector(bias).addi(extra);
            INDArray yIn = y.dup();
            INDArray net = Nd4j.create(dt, 4, 5);
            INDArray out = Nd4j.create(dt, 4, 5);
            f.netActivate(act, yIn, bias, extra, net, out);
            assertClose(y.addRowVector(bias), yIn, tol);
            assertClose(pre, net, tol);
            assertClose(ActivationAdjoint.forward(act, pre), out, tol);

            INDArray grad = Nd4j.rand(dt, 4, 5).subi(0.5);
            INDArray expected = ActivationAdjoint.backwardInPlace(act, pre, out, grad.dup());
            INDArray dst = Nd4j.create(dt, 4, 5);
            f.activationBackward(act, net, out, grad, dst);
            assertClose(expected, dst, tol);
            f.activationBackward(act, net, out, grad, grad);
            assertClose(expected, grad, tol);

            INDArray gradView = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(30, 35));
            INDArray before = gradView.dup();
            f.columnSums(dst, gradView, true);
            assertClose(before.add(dst.sum(true, 0)), gradView, tol);
            f.columnSums(dst, gradView, false);
            assertClose(dst.sum(true, 0), gradView, tol);
            for (long[] outside : new long[][] {{0, 13}, {18, 30}, {35, 40}}) { // untouched around the views
                assertClose(flatBefore.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(outside[0], outside[1])),
                        flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(outside[0], outside[1])), 0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluAtZeroAndWithoutBiasOrExtraInPlace(DataType dt) {
        Fused f = new Fused(new StepArrays());
        INDArray pre = Nd4j.createFromArray(new double[][] {{-2, -0.0, 0, 3}, {1e-30, -1e-30, 5, -7}}).castTo(dt);
        INDArray grad = Nd4j.createFromArray(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}).castTo(dt);
        INDArray dst = pre.ulike();
        f.activationBackward(Activation.RELU, pre, Transforms.relu(pre, true), grad, dst);
        assertClose(Nd4j.createFromArray(new double[][] {{0, 0, 0, 4}, {5, 0, 7, 0}}).castTo(dt), dst, 0);
        f.activationBackward(Activation.LEAKYRELU, pre, Transforms.leakyRelu(pre, 0.01, true), grad, dst);
        double a = 0.01;
        assertClose(Nd4j.createFromArray(new double[][] {{a, 2 * a, 3 * a, 4},
            {5, 6 * a, 7, 8 * a}}).castTo(dt), dst, 1e-7);
        INDArray y = pre.dup();
        INDArray out = pre.ulike();
        f.netActivate(Activation.RELU, y, null, null, y, out); // net == y, nothing added
        assertClose(pre, y, 0);
        assertClose(Transforms.relu(pre, true), out, 0);
        f.netActivate(Activation.LEAKYRELU, y, null, null, y, out);
        assertClose(Transforms.leakyRelu(pre, 0.01, true), out, 1e-7);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void copyAddAndZero(DataType dt) {
        Fused f = new Fused(new StepArrays());
        INDArray a = Nd4j.rand(dt, 3, 7);
        INDArray b = Nd4j.rand(dt, 3, 7);
        INDArray sum = a.add(b);
        f.addInto(a, b);
        assertClose(sum, a, 1e-6);
        INDArray c = Nd4j.create(dt, 3, 7);
        f.copy(b, c);
        assertClose(b, c, 0);
        f.zero(c);
        assertEquals(0.0, c.amaxNumber().doubleValue());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reusedSlotsAndGemmInto(DataType dt) {
        StepArrays arrays = new StepArrays();
        INDArray s = arrays.get(1, dt, 4, 6);
        assertTrue(s == arrays.get(1, dt, 4, 6), "same shape: the same array");
        assertFalse(s == arrays.get(1, dt, 5, 6), "another shape: a new array");
        INDArray a = Nd4j.rand(dt, 5, 3);
        INDArray b = Nd4j.rand(dt, 6, 3);
        INDArray c = arrays.get(2, dt, 5, 6);
        Fused.gemm(a, b, c, false, true, false);
        assertClose(a.mmul(b.transpose()), c, 1e-6);
        Fused.gemm(a, b, c, false, true, true);
        assertClose(a.mmul(b.transpose()).muli(2), c, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void unsupportedArraysAreRefused(DataType dt) {
        INDArray m = Nd4j.rand(dt, 4, 5);
        assertFalse(HostMemory.supports(m.transpose()), "a transposed view is not contiguous in c order");
        assertFalse(HostMemory.supports(m.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3))), "a column slice");
        assertFalse(HostMemory.supports(Nd4j.rand(DataType.HALF, 2, 2)), "half precision");
        Fused f = new Fused(new StepArrays());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.addInto(Nd4j.create(dt, 2, 3), Nd4j.create(dt, 3, 3)));
        assertTrue(e.getMessage().contains("expected equal lengths"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void perChannelBiasAndSumsEqualTheBroadcastOps(DataType dt) {
        StepArrays arrays = new StepArrays();
        Fused f = new Fused(arrays);
        INDArray a = arrays.get(1, dt, 3, 4, 2, 5);
        a.assign(Nd4j.rand(dt, 3, 4, 2, 5));
        INDArray bias = Nd4j.rand(dt, 1, 4);
        INDArray expected = a.add(bias.reshape(1, 4, 1, 1));
        f.addChannelBias(a, bias);
        assertClose(expected, a, 1e-6);

        INDArray sums = arrays.get(2, dt, 4);
        // sums of 30 values up to 2 in float: ND4J's own float sum is a few ulps (4e-6 each at 60) from ours
        double sumTol = dt == DataType.FLOAT ? 1e-4 : 1e-10;
        f.channelSums(a, sums, false);
        assertClose(a.sum(0, 2, 3), sums, sumTol);
        f.channelSums(a, sums, true);
        assertClose(a.sum(0, 2, 3).muli(2), sums, sumTol);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.addChannelBias(a, Nd4j.rand(dt, 3)));
        assertTrue(e.getMessage().contains("[3, 4, 2, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.channelSums(a, Nd4j.rand(dt, 5), false));
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol) {
        INDArray diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE));
        assertEquals(0.0, diff.amaxNumber().doubleValue(), tol);
    }
}
