package org.bidizoo.layers.lmser.xu;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The unit term of J_net (seed 001, eqn 3): {@code G(z) = ∫₀^z s⁻¹(t) dt} for an invertible,
 * increasing activation s. G is convex (its derivative s⁻¹ increases), which is what makes the
 * layer-by-layer perception updates descend the energy.
 *
 * <ul>
 *   <li>SIGMOID: {@code G(z) = z ln z + (1 − z) ln(1 − z)}, z in (0, 1)</li>
 *   <li>TANH: {@code G(z) = z atanh z + ½ ln(1 − z²)}, z in (−1, 1)</li>
 *   <li>IDENTITY: {@code G(z) = z²/2}</li>
 * </ul>
 * Saturated values (z within 1e-15 of a bound, reached in double precision for large net inputs) are
 * clamped, which changes G by less than 1e-13.
 */
public final class InverseIntegral {
    private static final double EDGE = 1e-15;

    private InverseIntegral() {
    }

    /**
     * @param a an activation
     * @return whether J_net is defined for units with this activation
     */
    public static boolean supports(Activation a) {
        return a == Activation.SIGMOID || a == Activation.TANH || a == Activation.IDENTITY;
    }

    /**
     * @param a the activation (SIGMOID, TANH or IDENTITY)
     * @param z activities {@code [b, n]}
     * @return {@code Σ_j G(z_j)} per row, {@code [b]}, in double precision
     * @throws IllegalArgumentException if the activation has no energy term
     */
    public static INDArray rowSums(Activation a, INDArray z) {
        INDArray d = z.castTo(DataType.DOUBLE);
        switch (a) {
            case IDENTITY:
                return d.mul(d).sum(1).muli(0.5);
            case SIGMOID: {
                INDArray c = Transforms.max(Transforms.min(d, 1 - EDGE, true), EDGE, false);
                INDArray one = c.rsub(1.0);
                return c.mul(Transforms.log(c, true)).addi(one.mul(Transforms.log(one, true))).sum(1);
            }
            case TANH: {
                INDArray c = Transforms.max(Transforms.min(d, 1 - EDGE, true), EDGE - 1, false);
                INDArray atanh = Transforms.log(c.add(1.0).divi(c.rsub(1.0)), false).muli(0.5);
                return c.mul(atanh).addi(Transforms.log(c.mul(c).rsubi(1.0), false).muli(0.5)).sum(1);
            }
            default:
                throw new IllegalArgumentException("activation " + a + ": J_net needs an invertible, increasing"
                        + " activation; expected SIGMOID, TANH or IDENTITY");
        }
    }
}
