package org.bidizoo.layers.transpose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ⟨conv x, z⟩ = ⟨x, convT z⟩ and ⟨x W, z⟩ = ⟨x, z Wᵀ⟩: the top-down pass is the exact adjoint. */
class TransposedOpsTest {

    @ParameterizedTest(name = "in {0}, k {1}, s {2}, p {3}")
    @CsvSource({"28,3,2,1", "14,3,2,1", "7,3,2,1", "4,3,2,1", "28,4,2,1", "7,4,2,1", "9,3,1,0", "9,5,3,2", "6,2,2,0"})
    void convTransposeIsTheAdjoint(int side, int k, int s, int p) {
        ConvGeometry g = new ConvGeometry(k, s, p);
        int out = g.outputSize(side);
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(side * 31L + k);
        INDArray xa = Nd4j.rand(DataType.DOUBLE, 2, 3, side, side).subi(0.5);
        INDArray za = Nd4j.rand(DataType.DOUBLE, 2, 4, out, out).subi(0.5);
        INDArray wa = Nd4j.rand(DataType.DOUBLE, k, k, 3, 4).subi(0.5);
        SDVariable x = sd.var("x", xa);
        SDVariable z = sd.var("z", za);
        SDVariable w = sd.var("w", wa);
        SDVariable cx = TransposedOps.conv(x, w, g);
        SDVariable tz = TransposedOps.convT(z, w, g, out, out, side, side);
        Map<String, INDArray> r = sd.output((Map<String, INDArray>) null, cx.name(), tz.name());
        assertArrayEquals(new long[] {2, 4, out, out}, r.get(cx.name()).shape());
        assertArrayEquals(new long[] {2, 3, side, side}, r.get(tz.name()).shape());
        double lhs = r.get(cx.name()).mul(za).sumNumber().doubleValue();
        double rhs = xa.mul(r.get(tz.name())).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-10 * Math.max(1, Math.abs(lhs)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"7,3", "1,5", "784,300"})
    void denseTransposeIsTheAdjoint(int nIn, int nOut) {
        SameDiff sd = SameDiff.create();
        INDArray xa = Nd4j.rand(DataType.DOUBLE, 3, nIn);
        INDArray za = Nd4j.rand(DataType.DOUBLE, 3, nOut);
        INDArray wa = Nd4j.rand(DataType.DOUBLE, nIn, nOut);
        SDVariable xw = TransposedOps.dense(sd.var("x", xa), sd.var("w", wa));
        SDVariable zwt = TransposedOps.denseT(sd.var("z", za), sd.getVariable("w"));
        Map<String, INDArray> r = sd.output((Map<String, INDArray>) null, xw.name(), zwt.name());
        double lhs = r.get(xw.name()).mul(za).sumNumber().doubleValue();
        double rhs = xa.mul(r.get(zwt.name())).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-9 * Math.abs(lhs));
    }
}
