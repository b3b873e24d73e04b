package org.bidizoo.layers.lmser.xu;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * True PCA by breaking the symmetry of the LMSER rule (seed 001, "Break the symmetry of PSA"): the
 * outputs are amplified by {@code A_m = diag(a_1 > a_2 > … > a_n > 0)}, {@code z = A_m y}, and z takes
 * the place of y in eqn (10a): {@code G = z(x − u)ᵀ + (z − y')xᵀ} with {@code u = Wᵀ z},
 * {@code y' = W u}. Unit i then converges to the i-th eigenvector of the covariance itself (up to
 * sign, with norm depending on a_i), not to a rotation of the subspace. (Using A_m in the gradient of
 * {@code ½‖x − WᵀA_mW x‖²} instead would not break the symmetry: its minima are
 * {@code A_m^{-1/2} R Φᵀ} for every rotation R.)
 */
public final class SymmetryBrokenLmserRule implements SubspaceRule {
    private final double[] gains;
    private final INDArray row;

    /**
     * @param gains {@code a_1 > a_2 > … > a_n > 0}, one per output unit
     * @throws IllegalArgumentException naming the first gain that breaks the order
     */
    public SymmetryBrokenLmserRule(double... gains) {
        if (gains == null || gains.length == 0) {
            throw new IllegalArgumentException("gains: expected a_1 > a_2 > … > a_n > 0, got none");
        }
        for (int i = 0; i < gains.length; i++) {
            if (!(gains[i] > 0) || Double.isInfinite(gains[i]) || (i > 0 && !(gains[i] < gains[i - 1]))) {
                throw new IllegalArgumentException("gains[" + i + "] = " + gains[i] + " in " + Arrays.toString(gains)
                        + "; expected finite a_1 > a_2 > … > a_n > 0");
            }
        }
        this.gains = gains.clone();
        this.row = Nd4j.createFromArray(gains).reshape(1, gains.length);
    }

    @Override
    public INDArray direction(INDArray w, INDArray x) {
        if (w.size(1) != gains.length) {
            throw new IllegalArgumentException("w has " + w.size(1) + " output units but " + gains.length
                    + " gains were given; expected one gain per unit");
        }
        INDArray z = x.mmul(w).muliRowVector(row.castTo(w.dataType()));
        INDArray u = z.mmul(w.transpose());
        INDArray yPrime = u.mmul(w);
        INDArray g = x.sub(u).transpose().mmul(z).addi(x.transpose().mmul(z.sub(yPrime)));
        return g.divi(x.size(0));
    }

    /** @return the gains a_i */
    public double[] gains() {
        return gains.clone();
    }

    @Override
    public String name() {
        return "lmser-A_m";
    }
}
