package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Seed 001, Theorem 2: a one-level linear Lmser x̂ = W Wᵀ x trained to reconstruct data converges
 * to a rotation of the principal subspace, so the principal angles between span(W) and the top
 * eigenvectors of the data covariance go to zero.
 */
class LmserPrincipalSubspaceTest {
    private static final int N = 8;
    private static final int K = 2;

    @Test
    void linearOneLevelLmserFindsThePrincipalSubspace() {
        Random rnd = new Random(11);
        // a random orthonormal basis Q (Gram-Schmidt) and variances 9, 4 on the first two directions, 0.25 elsewhere
        double[][] q = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                q[i][j] = rnd.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double d = dot(q[i], q[p]);
                for (int j = 0; j < N; j++) {
                    q[i][j] -= d * q[p][j];
                }
            }
            double n = Math.sqrt(dot(q[i], q[i]));
            for (int j = 0; j < N; j++) {
                q[i][j] /= n;
            }
        }
        double[] sd = {3, 2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        LmserLayer lin = LmserLayer.builder().denseLevels(K).activation(Activation.IDENTITY)
                .outputActivation(Activation.IDENTITY).biases(false).build();
        ComputationGraph g = LmserNets.withMse(lin, InputType.feedForward(N), new Adam(0.01), DataType.DOUBLE);
        for (int step = 0; step < 1500; step++) {
            INDArray x = Nd4j.zeros(DataType.DOUBLE, 64, N);
            for (int r = 0; r < 64; r++) {
                for (int i = 0; i < N; i++) {
                    double c = sd[i] * rnd.nextGaussian();
                    for (int j = 0; j < N; j++) {
                        x.putScalar(r, j, x.getDouble(r, j) + c * q[i][j]);
                    }
                }
            }
            g.fit(new DataSet(x, x));
        }
        INDArray w = g.getLayer("lmser").getParam(LmserParams.weight(0));
        double[][] b = new double[K][N];
        for (int c = 0; c < K; c++) {
            for (int j = 0; j < N; j++) {
                b[c][j] = w.getDouble(j, c);
            }
            for (int p = 0; p < c; p++) {
                double d = dot(b[c], b[p]);
                for (int j = 0; j < N; j++) {
                    b[c][j] -= d * b[p][j];
                }
            }
            double n = Math.sqrt(dot(b[c], b[c]));
            for (int j = 0; j < N; j++) {
                b[c][j] /= n;
            }
        }
        // cosines of the principal angles: singular values of M = Bᵀ Q_top (2x2)
        double m00 = dot(b[0], q[0]);
        double m01 = dot(b[0], q[1]);
        double m10 = dot(b[1], q[0]);
        double m11 = dot(b[1], q[1]);
        double a = m00 * m00 + m10 * m10;
        double bb = m00 * m01 + m10 * m11;
        double d = m01 * m01 + m11 * m11;
        double disc = Math.sqrt((a - d) * (a - d) + 4 * bb * bb);
        double smallest = Math.sqrt(Math.max(0, (a + d - disc) / 2));
        double largestAngleDeg = Math.toDegrees(Math.acos(Math.min(1, smallest)));
        assertTrue(largestAngleDeg < 3, "largest principal angle " + largestAngleDeg + " degrees");
        // and W is (close to) orthonormal, W Wᵀ a projection: ‖WᵀW − I‖ small
        INDArray wtw = w.transpose().mmul(w).subi(Nd4j.eye(K).castTo(DataType.DOUBLE));
        assertTrue(wtw.norm2Number().doubleValue() < 0.1, "WᵀW − I = " + wtw);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
