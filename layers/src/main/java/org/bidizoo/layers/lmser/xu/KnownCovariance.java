package org.bidizoo.layers.lmser.xu;

import java.util.Arrays;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-mean Gaussian data with a chosen covariance {@code Σ = Φ Λ Φᵀ}: eigenvalues as given, the
 * eigenvectors a random orthonormal basis (Gram–Schmidt of Gaussian vectors). What Theorems 2 and 4
 * and the true-PCA claim of seed 001 are about.
 */
public final class KnownCovariance {
    private final double[] eigenvalues;
    private final INDArray basis;
    private final INDArray scaledBasisT;

    /**
     * @param seed        seed of the basis
     * @param eigenvalues λ_1 ≥ λ_2 ≥ … > 0, one per dimension
     * @throws IllegalArgumentException naming the first bad eigenvalue
     */
    public KnownCovariance(long seed, double... eigenvalues) {
        if (eigenvalues == null || eigenvalues.length < 2) {
            throw new IllegalArgumentException("eigenvalues: expected at least 2, got "
                    + (eigenvalues == null ? "none" : eigenvalues.length));
        }
        for (int i = 0; i < eigenvalues.length; i++) {
            if (!(eigenvalues[i] > 0) || Double.isInfinite(eigenvalues[i])
                    || (i > 0 && eigenvalues[i] > eigenvalues[i - 1])) {
                throw new IllegalArgumentException("eigenvalues[" + i + "] = " + eigenvalues[i] + " in "
                        + Arrays.toString(eigenvalues) + "; expected finite λ_1 ≥ λ_2 ≥ … > 0");
            }
        }
        int n = eigenvalues.length;
        this.eigenvalues = eigenvalues.clone();
        Random rnd = new Random(seed);
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = rnd.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    d += q[i][j] * q[p][j];
                }
                for (int j = 0; j < n; j++) {
                    q[i][j] -= d * q[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i][j] * q[i][j];
            }
            for (int j = 0; j < n; j++) {
                q[i][j] /= Math.sqrt(norm);
            }
        }
        this.basis = Nd4j.createFromArray(q).transpose().dup();
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = Math.sqrt(eigenvalues[i]) * q[i][j];
            }
        }
        this.scaledBasisT = Nd4j.createFromArray(s);
    }

    /** @return the dimension n */
    public int dimension() {
        return eigenvalues.length;
    }

    /** @return λ, descending */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** @param k how many @return the leading k eigenvectors as columns {@code [n, k]} */
    public INDArray eigenvectors(int k) {
        return basis.getColumns(java.util.stream.IntStream.range(0, k).toArray()).dup();
    }

    /** @return {@code Σ = Φ Λ Φᵀ} {@code [n, n]} */
    public INDArray covariance() {
        return scaledBasisT.transpose().mmul(scaledBasisT);
    }

    /**
     * @param b   samples
     * @param rnd randomness
     * @return {@code [b, n]} samples of N(0, Σ), double precision
     */
    public INDArray sample(int b, Random rnd) {
        double[][] g = new double[b][eigenvalues.length];
        for (double[] r : g) {
            for (int j = 0; j < r.length; j++) {
                r[j] = rnd.nextGaussian();
            }
        }
        return Nd4j.createFromArray(g).mmul(scaledBasisT).castTo(DataType.DOUBLE);
    }
}
