package org.bidizoo.layers.rbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact quantities of a small RBM against brute force over every visible and hidden state: log Z, free energy,
 * pseudo-log-likelihood, and the contrastive-divergence gradient against the exact log-likelihood gradient.
 */
class RbmLikelihoodTest {
    private static final int NV = 5;
    private static final int NH = 3;

    private static Rbm random(VisibleUnits u, double sigma, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new Rbm(Nd4j.randn(DataType.DOUBLE, NV, NH), Nd4j.randn(DataType.DOUBLE, 1, NH).muli(0.5),
                Nd4j.randn(DataType.DOUBLE, 1, NV).muli(0.5), u, sigma);
    }

    private static double[] bits(long code, int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = (code >>> i) & 1L;
        }
        return b;
    }

    /** −E(v, h) of the binary energy. */
    private static double negEnergy(Rbm r, double[] v, double[] h) {
        double e = 0;
        for (int i = 0; i < v.length; i++) {
            e += r.visibleBias().getDouble(i) * v[i];
            for (int j = 0; j < h.length; j++) {
                e += v[i] * r.weights().getDouble(i, j) * h[j];
            }
        }
        for (int j = 0; j < h.length; j++) {
            e += r.hiddenBias().getDouble(j) * h[j];
        }
        return e;
    }

    private static double logSumExp(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : xs) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    /** −F(v) = log Σ_h e^{−E(v,h)} by brute force, for every visible configuration. */
    private static double[] negFreeEnergies(Rbm r) {
        double[] out = new double[1 << NV];
        for (int v = 0; v < out.length; v++) {
            double[] terms = new double[1 << NH];
            for (int h = 0; h < terms.length; h++) {
                terms[h] = negEnergy(r, bits(v, NV), bits(h, NH));
            }
            out[v] = logSumExp(terms);
        }
        return out;
    }

    @Test
    void binaryLogPartitionFreeEnergyAndPseudoLikelihoodEqualBruteForce() {
        Rbm r = random(VisibleUnits.BINARY, 1, 1);
        double[] negF = negFreeEnergies(r);
        double logZ = logSumExp(negF);
        assertEquals(logZ, RbmLikelihood.logPartition(r), 1e-10);
        INDArray data = Nd4j.create(new double[][] {bits(3, NV), bits(17, NV), bits(30, NV)});
        for (int row = 0; row < 3; row++) {
            int code = new int[] {3, 17, 30}[row];
            assertEquals(-negF[code], r.freeEnergy(data).getDouble(row), 1e-10, "free energy of row " + row);
        }
        double ll = (negF[3] + negF[17] + negF[30]) / 3 - logZ;
        assertEquals(ll, RbmLikelihood.meanLogLikelihood(r, data), 1e-10);
        double pll = 0;
        for (int code : new int[] {3, 17, 30}) {
            for (int i = 0; i < NV; i++) {
                int flipped = code ^ (1 << i);
                pll += negF[code] - logSumExp(new double[] {negF[code], negF[flipped]});
            }
        }
        assertEquals(pll / 3, RbmLikelihood.meanPseudoLogLikelihood(r, data), 1e-10);
        // a float RBM gives the same (computed in double)
        Rbm f = new Rbm(r.weights().castTo(DataType.FLOAT), r.hiddenBias().castTo(DataType.FLOAT),
                r.visibleBias().castTo(DataType.FLOAT), VisibleUnits.BINARY, 1);
        assertEquals(logZ, RbmLikelihood.logPartition(f), 1e-5);
    }

    @Test
    void gaussianLogPartitionEqualsNumericalIntegration() {
        // two visible units, integrated on a grid; one hidden pair of units
        double sigma = 0.6;
        Nd4j.getRandom().setSeed(5);
        Rbm r = new Rbm(Nd4j.randn(DataType.DOUBLE, 2, 2).muli(0.8), Nd4j.randn(DataType.DOUBLE, 1, 2),
                Nd4j.randn(DataType.DOUBLE, 1, 2).muli(0.3), VisibleUnits.GAUSSIAN, sigma);
        double step = 0.005;
        double z = 0;
        for (double v0 = -8; v0 <= 8; v0 += step) {
            for (double v1 = -8; v1 <= 8; v1 += step) {
                for (int h = 0; h < 4; h++) {
                    double[] hb = bits(h, 2);
                    double e = 0;
                    double[] v = {v0, v1};
                    for (int i = 0; i < 2; i++) {
                        double d = v[i] - r.visibleBias().getDouble(i);
                        e -= d * d / (2 * sigma * sigma);
                        for (int j = 0; j < 2; j++) {
                            e += v[i] * r.weights().getDouble(i, j) * hb[j] / sigma;
                        }
                    }
                    for (int j = 0; j < 2; j++) {
                        e += r.hiddenBias().getDouble(j) * hb[j];
                    }
                    z += Math.exp(e) * step * step;
                }
            }
        }
        assertEquals(Math.log(z), RbmLikelihood.logPartition(r), 1e-6);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmLikelihood.meanPseudoLogLikelihood(r,
                Nd4j.zeros(DataType.DOUBLE, 1, 2))).getMessage().contains("binary visible units"));
    }

    @Test
    void tooManyHiddenUnitsToEnumerateIsAClearError() {
        Rbm big = new Rbm(Nd4j.zeros(DataType.DOUBLE, 2, 25), Nd4j.zeros(DataType.DOUBLE, 1, 25),
                Nd4j.zeros(DataType.DOUBLE, 1, 2), VisibleUnits.BINARY, 1);
        assertEquals("nHidden = 25: the exact partition function enumerates 2^nHidden hidden states, expected"
                + " nHidden <= 24", assertThrows(IllegalArgumentException.class,
                        () -> RbmLikelihood.logPartition(big)).getMessage());
        assertEquals("k = 0, expected >= 1 Gibbs steps", assertThrows(IllegalArgumentException.class,
                () -> ContrastiveDivergence.estimate(big, Nd4j.zeros(DataType.DOUBLE, 1, 2), 0, null)).getMessage());
    }

    /**
     * With long chains, the CD-k estimate averaged over many chains is the exact gradient of the negative mean
     * log-likelihood (data term minus model term, the model term by enumeration of h with E[v | h]).
     */
    @Test
    void longChainContrastiveDivergenceMatchesTheExactGradient() {
        for (VisibleUnits u : VisibleUnits.values()) {
            double sigma = u == VisibleUnits.GAUSSIAN ? 0.8 : 1.0;
            Nd4j.getRandom().setSeed(9);
            Rbm r = new Rbm(Nd4j.randn(DataType.DOUBLE, NV, NH).muli(0.5), Nd4j.randn(DataType.DOUBLE, 1, NH).muli(0.3),
                    Nd4j.randn(DataType.DOUBLE, 1, NV).muli(0.3), u, sigma);
            INDArray pattern = Nd4j.create(new double[][] {bits(3, NV), bits(17, NV), bits(30, NV), bits(12, NV)});
            int copies = 5000;
            INDArray data = Nd4j.concat(0, java.util.Collections.nCopies(copies, pattern).toArray(new INDArray[0]));
            ContrastiveDivergence.Estimate e = ContrastiveDivergence.estimate(r, data, 40, null);
            INDArray cdW = e.weightGradient().div(data.size(0));
            INDArray cdB = e.hiddenBiasGradient().div(data.size(0));
            INDArray cdC = e.visibleBiasGradient().div(data.size(0));

            // exact: −(E_data[v p(h|v)ᵀ] − E_model[v hᵀ]) / σ
            INDArray h0 = r.hiddenMean(pattern);
            INDArray dataW = pattern.transpose().mmul(h0).divi(4);
            double[] logp = new double[1 << NH];
            INDArray[] meanV = new INDArray[1 << NH];
            for (int h = 0; h < logp.length; h++) {
                INDArray hv = Nd4j.create(new double[][] {bits(h, NH)});
                meanV[h] = r.visibleMean(hv);
                double t = hv.mmul(r.hiddenBias().transpose()).getDouble(0);
                INDArray wh = hv.mmul(r.weights().transpose());
                if (u == VisibleUnits.BINARY) {
                    t += Rbm.softplus(wh.addRowVector(r.visibleBias())).sumNumber().doubleValue();
                } else {
                    INDArray m = wh.mul(sigma).addRowVector(r.visibleBias());
                    t += (m.mul(m).sumNumber().doubleValue() - r.visibleBias().mul(r.visibleBias()).sumNumber()
                            .doubleValue()) / (2 * sigma * sigma);
                }
                logp[h] = t;
            }
            double lz = logSumExp(logp);
            INDArray modelW = Nd4j.zeros(DataType.DOUBLE, NV, NH);
            INDArray modelB = Nd4j.zeros(DataType.DOUBLE, 1, NH);
            INDArray modelV = Nd4j.zeros(DataType.DOUBLE, 1, NV);
            for (int h = 0; h < logp.length; h++) {
                double p = Math.exp(logp[h] - lz);
                INDArray hv = Nd4j.create(new double[][] {bits(h, NH)});
                modelW.addi(meanV[h].transpose().mmul(hv).muli(p));
                modelB.addi(hv.mul(p));
                modelV.addi(meanV[h].mul(p));
            }
            INDArray exactW = modelW.sub(dataW).divi(sigma);
            INDArray exactB = modelB.sub(h0.mean(true, 0));
            INDArray exactC = modelV.sub(pattern.mean(true, 0)).divi(sigma * sigma);
            double tol = 0.02 / Math.min(1, sigma * sigma);
            assertTrue(cdW.equalsWithEps(exactW, tol), u + " W: " + cdW + " vs " + exactW);
            assertTrue(cdB.equalsWithEps(exactB, tol), u + " b: " + cdB + " vs " + exactB);
            assertTrue(cdC.equalsWithEps(exactC, tol), u + " c: " + cdC + " vs " + exactC);
        }
    }
}
