package org.bidizoo.layers.rbm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contrastive-divergence estimate of the log-likelihood gradient of an RBM (seed 004, "Training algorithm";
 * Hinton 2002) for one minibatch, CD-k or persistent CD (Tieleman 2008).
 *
 * <p>Seed 004's Boltzmann rule Δw_ji = η (M[x_i h_j]_data − M[x_i h_j]_model): the positive statistics use the
 * data v⁰ and p(h | v⁰); the negative ones the end v^k of a Gibbs chain and p(h | v^k). CD-k starts the chain at
 * the data and runs k full steps; PCD continues the chain the previous minibatch ended with (started at the data
 * the first time, and again whenever the minibatch size changes). Hidden units driven by data are sampled,
 * the statistics use probabilities (Hinton's "practical guide", §3). For Gaussian units the energy's 1/σ scales
 * the weight statistics and the visible-bias term is (v⁰ − v^k)/σ².
 *
 * <p>The result is DL4J's convention: the gradient of the <em>negative</em> log-likelihood, summed over the
 * minibatch (DL4J's updater divides by the minibatch size).
 */
public final class ContrastiveDivergence {

    /**
     * One minibatch's estimate.
     *
     * @param weightGradient      {@code [nVisible, nHidden]}
     * @param hiddenBiasGradient  {@code [1, nHidden]}
     * @param visibleBiasGradient {@code [1, nVisible]}
     * @param chainEnd            v^k {@code [n, nVisible]}: where a persistent chain continues
     * @param reconstructionError mean squared error per visible unit of the mean-field reconstruction
     *                            E[v | p(h | v⁰)] against v⁰
     */
    public record Estimate(INDArray weightGradient, INDArray hiddenBiasGradient, INDArray visibleBiasGradient,
                           INDArray chainEnd, double reconstructionError) {
    }

    private ContrastiveDivergence() {
    }

    /**
     * @param rbm        the model
     * @param data       v⁰ {@code [n, nVisible]}
     * @param k          Gibbs steps, {@code >= 1}
     * @param chainStart where the negative chain starts: null for CD-k (the data), else a persistent chain's
     *                   state {@code [n, nVisible]}
     * @return the gradient estimate and the chain's end
     * @throws IllegalArgumentException naming k or a shape that does not fit
     */
    public static Estimate estimate(Rbm rbm, INDArray data, int k, INDArray chainStart) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + ", expected >= 1 Gibbs steps");
        }
        if (data.rank() != 2 || data.size(1) != rbm.numVisible()) {
            throw new IllegalArgumentException("data: shape " + java.util.Arrays.toString(data.shape())
                    + ", expected [n, " + rbm.numVisible() + "]");
        }
        if (chainStart != null && !java.util.Arrays.equals(chainStart.shape(), data.shape())) {
            throw new IllegalArgumentException("chainStart: shape " + java.util.Arrays.toString(chainStart.shape())
                    + ", expected the data's " + java.util.Arrays.toString(data.shape()));
        }
        INDArray v0 = data.castTo(rbm.weights().dataType());
        INDArray h0 = rbm.hiddenMean(v0);
        INDArray recon = rbm.visibleMean(h0);
        double reconError = recon.subi(v0).norm2Number().doubleValue();
        reconError = reconError * reconError / v0.length();

        INDArray vk = chainStart == null ? v0 : chainStart;
        INDArray hk = chainStart == null ? h0 : rbm.hiddenMean(vk);
        for (int step = 0; step < k; step++) {
            vk = rbm.sampleVisible(rbm.visibleMean(rbm.sampleHidden(hk)));
            hk = rbm.hiddenMean(vk);
        }
        double s = rbm.sigma();
        // -(v0ᵀh0 − vkᵀhk)/σ, summed over the minibatch
        INDArray dW = vk.transpose().mmul(hk).subi(v0.transpose().mmul(h0));
        INDArray db = hk.sum(true, 0).subi(h0.sum(true, 0));
        INDArray dc = vk.sum(true, 0).subi(v0.sum(true, 0));
        if (s != 1.0) {
            dW.divi(s);
            dc.divi(s * s);
        }
        return new Estimate(dW, db, dc, vk, reconError);
    }
}
