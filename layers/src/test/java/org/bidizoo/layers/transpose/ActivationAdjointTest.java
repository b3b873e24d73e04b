package org.bidizoo.layers.transpose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.samediff.SdActivations;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one definition of each activation's derivative on arrays ({@link ActivationAdjoint#slope}) against its SameDiff
 * twin ({@link SdActivations#derivative}) and against central differences of the forward pass, in double precision.
 */
class ActivationAdjointTest {
    /** Pre-activations away from 0 (where ReLU's derivative is a convention). */
    private static INDArray pre() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 6).muli(2.0);
        return x.addi(Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.Step(x, x.ulike(), 0.0)).muli(2.0).subi(1.0)
                .muli(0.05)); // |x| >= 0.05
    }

    @Test
    void slopeEqualsTheSameDiffDerivativeAndCentralDifferences() {
        INDArray x = pre();
        for (Activation a : SdActivations.supported()) {
            INDArray out = ActivationAdjoint.forward(a, x.dup());
            INDArray slope = ActivationAdjoint.slope(a, x, out);
            INDArray expected = slope == null ? Nd4j.onesLike(x) : slope;
            if (a == Activation.IDENTITY) {
                assertNull(slope, "IDENTITY's slope is implicit");
            }

            SameDiff sd = SameDiff.create();
            SDVariable in = sd.var("x", x.dup());
            SDVariable f = SdActivations.apply(a, sd, in);
            SDVariable d = SdActivations.derivative(a, sd, in);
            assertTrue(out.equalsWithEps(f.eval(), 1e-12), a + ": forward differs from SameDiff's");
            assertTrue(expected.equalsWithEps(d.eval(), 1e-12), a + ": slope differs from SameDiff's derivative");

            double h = 1e-6;
            INDArray fd = ActivationAdjoint.forward(a, x.add(h)).sub(ActivationAdjoint.forward(a, x.sub(h))).divi(2 * h);
            assertTrue(expected.equalsWithEps(fd, 1e-6), a + ": slope differs from central differences: " + expected
                    + " vs " + fd);

            INDArray g = Nd4j.randn(DataType.DOUBLE, 4, 6);
            INDArray back = ActivationAdjoint.backwardInPlace(a, x, out, g.dup());
            assertTrue(back.equalsWithEps(g.mul(expected), 1e-15), a + ": backward is grad times slope");
            assertEquals(a == Activation.IDENTITY || a == Activation.RELU || a == Activation.LEAKYRELU,
                    ActivationAdjoint.piecewiseLinear(a), a.toString());
        }
    }

    @Test
    void keptOutputAndSlopeEqualTheSameDiffTwinsAndTheSlopesDerivativeIsCentralDifferences() {
        INDArray x = pre();
        for (Activation a : SdActivations.supported()) {
            if (!SdActivations.transposable(a)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ActivationAdjoint.keep(a, x));
                assertTrue(e.getMessage().contains("activation = " + a + " has no transposed pass"), e.getMessage());
                continue;
            }
            ActivationAdjoint.Kept k = ActivationAdjoint.keep(a, x.dup());
            SameDiff sd = SameDiff.create();
            SDVariable in = sd.var("x", x.dup());
            SdActivations.Kept sk = SdActivations.keep(a, sd, in);
            assertTrue(k.out().equalsWithEps(sk.out().eval(), 1e-12), a + ": kept output differs from SameDiff's");
            INDArray slope = k.slope() == null ? Nd4j.onesLike(x) : k.slope();
            assertTrue(slope.equalsWithEps(SdActivations.transposedSlope(a, sd, in).eval(), 1e-12),
                    a + ": kept slope differs from SameDiff's transposed slope");
            assertEquals(a == Activation.RELU || a == Activation.LEAKYRELU, sk.slope() != null, a + ": SameDiff mask");

            INDArray g = Nd4j.randn(DataType.DOUBLE, 4, 6);
            assertTrue(k.times(g).equalsWithEps(g.mul(slope), 1e-15), a + ": times is g · a'");
            INDArray dSlope = k.slopeDerivative();
            if (ActivationAdjoint.piecewiseLinear(a)) {
                assertNull(dSlope, a + ": a piecewise-constant slope has no derivative to carry");
            } else {
                double h = 1e-6;
                INDArray up = ActivationAdjoint.forward(a, x.add(h));
                INDArray down = ActivationAdjoint.forward(a, x.sub(h));
                INDArray fd = ActivationAdjoint.slope(a, x.add(h), up).sub(ActivationAdjoint.slope(a, x.sub(h), down))
                        .divi(2 * h);
                assertTrue(dSlope.equalsWithEps(fd, 1e-6), a + ": a'' differs from central differences");
            }
        }
    }
}
