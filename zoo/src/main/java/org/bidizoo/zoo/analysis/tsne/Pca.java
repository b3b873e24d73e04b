package org.bidizoo.zoo.analysis.tsne;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/** Principal component projection, the usual step before t-SNE on wide inputs. */
final class Pca {
    private Pca() {
    }

    /**
     * @param x points {@code [n][d]}
     * @param k components, {@code 1 <= k < d}
     * @return the centred points projected on the top {@code k} principal axes {@code [n][k]}
     */
    static double[][] project(double[][] x, int k) {
        INDArray a = Nd4j.createFromArray(x).castTo(DataType.DOUBLE);
        a.subiRowVector(a.mean(0));
        INDArray cov = a.transpose().mmul(a).divi(Math.max(1, x.length - 1));
        Eigen.symmetricGeneralizedEigenvalues(cov, true); // cov now holds eigenvectors, ascending eigenvalues
        long d = cov.columns();
        INDArray axes = Nd4j.create(DataType.DOUBLE, d, k);
        for (int c = 0; c < k; c++) {
            INDArray v = cov.getColumn(d - 1 - c).dup();
            // a fixed sign per axis keeps the projection deterministic across LAPACK builds
            int arg = v.amaxNumber().doubleValue() == v.maxNumber().doubleValue() ? 1 : -1;
            axes.putColumn(c, v.muli(arg));
        }
        return a.mmul(axes).toDoubleMatrix();
    }
}
