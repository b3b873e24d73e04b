package org.bidizoo.layers.lmser.xu;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

/** Angles between learned weights and eigenvectors, in degrees (sign-free). */
public final class SubspaceAngles {
    private SubspaceAngles() {
    }

    /**
     * The largest principal angle between {@code span(w)} and {@code span(basis)}.
     *
     * @param w     {@code [n, k]}, full column rank
     * @param basis {@code [n, k]}, orthonormal columns
     * @return degrees in [0, 90]
     */
    public static double largestPrincipalAngle(INDArray w, INDArray basis) {
        if (w.rows() != basis.rows() || w.columns() != basis.columns()) {
            throw new IllegalArgumentException("w " + java.util.Arrays.toString(w.shape()) + " and basis "
                    + java.util.Arrays.toString(basis.shape()) + ": expected the same shape [n, k]");
        }
        INDArray b = orthonormalColumns(w);
        INDArray m = b.transpose().mmul(basis);
        INDArray mtm = m.transpose().mmul(m).dup();
        INDArray ev = Eigen.symmetricGeneralizedEigenvalues(mtm, true);
        double smallest = Math.sqrt(Math.max(0, Math.min(1, ev.minNumber().doubleValue())));
        return Math.toDegrees(Math.acos(smallest));
    }

    /**
     * @param w     {@code [n, k]}
     * @param basis {@code [n, k]}, orthonormal columns
     * @return for each i, the angle between column i of w and column i of basis, ignoring sign
     */
    public static double[] columnAngles(INDArray w, INDArray basis) {
        double[] a = new double[(int) w.columns()];
        for (int i = 0; i < a.length; i++) {
            INDArray c = w.getColumn(i);
            double cos = Math.abs(c.mul(basis.getColumn(i)).sumNumber().doubleValue()) / c.norm2Number().doubleValue();
            a[i] = Math.toDegrees(Math.acos(Math.min(1, cos)));
        }
        return a;
    }

    private static INDArray orthonormalColumns(INDArray w) {
        INDArray b = w.dup();
        for (int i = 0; i < b.columns(); i++) {
            INDArray c = b.getColumn(i);
            for (int p = 0; p < i; p++) {
                INDArray q = b.getColumn(p);
                c.subi(q.mul(q.mul(c).sumNumber().doubleValue()));
            }
            c.divi(c.norm2Number().doubleValue());
        }
        return b;
    }
}
