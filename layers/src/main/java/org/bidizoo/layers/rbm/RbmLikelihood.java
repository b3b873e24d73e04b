package org.bidizoo.layers.rbm;

import org.bidizoo.layers.runtime.ScratchWorkspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact and pseudo log-likelihoods of an RBM, in double precision: the measurable training signal of seed 004's
 * objective p(x) = (1/Z) Σ_h e^{−E(x, h)} → max.
 *
 * <p><b>Exact log-likelihood</b> (small hidden layers): log p(v) = −F(v) − log Z with the free energy F of
 * {@link Rbm#freeEnergy}. Z sums over visible <em>and</em> hidden states, but the visible units are independent
 * given h, so summing them out in closed form leaves one term per hidden configuration, and log Z is a
 * log-sum-exp over all 2^nHidden configurations h:
 * <ul>
 * <li>binary visible units: log Z = logsumexp_h [ bᵀh + Σ_i softplus(c_i + W_i·h) ];</li>
 * <li>Gaussian visible units (a density): log Z = (n/2) log(2πσ²) + logsumexp_h [ bᵀh + (‖c + σWh‖² − ‖c‖²)
 * / (2σ²) ], from ∫ exp(−‖v − c‖²/(2σ²) + vᵀWh/σ) dv.</li>
 * </ul>
 * The configurations are enumerated in blocks of {@value #BLOCK} rows (2^16 configurations of a 784-16 RBM take
 * 16 blocks), each block's terms are reduced by a running log-sum-exp, so nothing overflows and memory stays at
 * one block.
 *
 * <p><b>Pseudo-log-likelihood</b> (binary units, any size): Σ_i log p(v_i | v_{−i}) = Σ_i log sigm(F(ṽ⁽ⁱ⁾) − F(v))
 * with ṽ⁽ⁱ⁾ = v with bit i flipped, summed over all visible units (not a random one).
 */
public final class RbmLikelihood {
    /** Hidden configurations per block of the enumeration. */
    static final int BLOCK = 4096;
    /** Largest hidden layer whose partition function is enumerated (2^24 configurations). */
    public static final int MAX_EXACT_HIDDEN = 24;

    private RbmLikelihood() {
    }

    /**
     * @param rbm an RBM with at most {@value #MAX_EXACT_HIDDEN} hidden units
     * @return log Z, exactly (up to double rounding)
     * @throws IllegalArgumentException naming the hidden size if it is too large to enumerate
     */
    public static double logPartition(Rbm rbm) {
        int nh = rbm.numHidden();
        if (nh > MAX_EXACT_HIDDEN) {
            throw new IllegalArgumentException("nHidden = " + nh + ": the exact partition function enumerates 2^nHidden"
                    + " hidden states, expected nHidden <= " + MAX_EXACT_HIDDEN);
        }
        Rbm d = rbm.toDouble();
        long states = 1L << nh;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0; // Σ exp(term − max)
        for (long start = 0; start < states; start += BLOCK) {
            int rows = (int) Math.min(BLOCK, states - start);
            try (MemoryWorkspace ws = ScratchWorkspace.open("RBM_LOGZ")) {
                INDArray h = configurations(start, rows, nh);
                INDArray terms = hiddenTerms(d, h);
                double blockMax = terms.maxNumber().doubleValue();
                if (blockMax > max) {
                    sum *= Math.exp(max - blockMax);
                    max = blockMax;
                }
                sum += org.nd4j.linalg.ops.transforms.Transforms.exp(terms.subi(max), false).sumNumber()
                        .doubleValue();
            }
        }
        double logZ = max + Math.log(sum);
        if (d.units() == VisibleUnits.GAUSSIAN) {
            double s = d.sigma();
            logZ += 0.5 * d.numVisible() * Math.log(2 * Math.PI * s * s);
        }
        return logZ;
    }

    /**
     * @param rbm  an RBM with at most {@value #MAX_EXACT_HIDDEN} hidden units
     * @param data visible states {@code [n, nVisible]} (binary for binary units)
     * @return the mean over rows of log p(v), in nats (a log-density for Gaussian units)
     */
    public static double meanLogLikelihood(Rbm rbm, INDArray data) {
        return meanLogLikelihood(rbm, data, logPartition(rbm));
    }

    /**
     * @param rbm   the RBM
     * @param data  visible states {@code [n, nVisible]}
     * @param logZ  its {@link #logPartition}
     * @return the mean over rows of log p(v) = −F(v) − log Z
     */
    public static double meanLogLikelihood(Rbm rbm, INDArray data, double logZ) {
        Rbm d = rbm.toDouble();
        return -d.freeEnergy(data.castTo(DataType.DOUBLE)).meanNumber().doubleValue() - logZ;
    }

    /**
     * @param rbm  an RBM with binary visible units
     * @param data binary visible states {@code [n, nVisible]}
     * @return the mean over rows of Σ_i log p(v_i | v_{−i}), in nats
     * @throws IllegalArgumentException for Gaussian visible units (their conditionals are densities)
     */
    public static double meanPseudoLogLikelihood(Rbm rbm, INDArray data) {
        if (rbm.units() != VisibleUnits.BINARY) {
            throw new IllegalArgumentException("pseudo-log-likelihood: defined here for binary visible units, got "
                    + rbm.units());
        }
        Rbm d = rbm.toDouble();
        INDArray v = data.castTo(DataType.DOUBLE);
        INDArray pre = d.hiddenInput(v);                 // [n, nh]
        INDArray base = Rbm.softplus(pre).sum(1);         // Σ_j softplus, [n]
        double total = 0;
        for (int i = 0; i < d.numVisible(); i++) {
            try (MemoryWorkspace ws = ScratchWorkspace.open("RBM_PLL")) {
                total += flipTerm(d, v, pre, base, i);
            }
        }
        return total / v.size(0);
    }

    /** Σ over rows of log p(v_i | v_{−i}) for one visible unit i. */
    private static double flipTerm(Rbm d, INDArray v, INDArray pre, INDArray base, int i) {
        INDArray vi = v.getColumn(i).reshape(v.size(0)); // [n]
        INDArray flip = vi.mul(-2).addi(1);                // +1 where v_i = 0, −1 where v_i = 1
        INDArray wi = d.weights().getRow(i);               // [nh]
        INDArray shifted = pre.add(flip.reshape(flip.length(), 1).mmul(wi.reshape(1, wi.length())));
        // F(ṽ) − F(v) = −flip·c_i − Σ_j [softplus(shifted) − softplus(pre)]
        INDArray delta = flip.mul(-d.visibleBias().getDouble(i)).subi(Rbm.softplus(shifted).sum(1).subi(base));
        // log sigm(Δ) = −softplus(−Δ)
        return -Rbm.softplus(delta.negi()).sumNumber().doubleValue();
    }

    /** Rows {@code start .. start + rows − 1} of all binary configurations, bit j of the row index in column j. */
    private static INDArray configurations(long start, int rows, int nh) {
        double[] bits = new double[rows * nh];
        for (int r = 0; r < rows; r++) {
            long code = start + r;
            for (int j = 0; j < nh; j++) {
                bits[r * nh + j] = (code >>> j) & 1L;
            }
        }
        return Nd4j.create(bits, new long[] {rows, nh}, DataType.DOUBLE);
    }

    /** The per-configuration term of log Z (see the class comment), {@code [rows]}. */
    private static INDArray hiddenTerms(Rbm d, INDArray h) {
        INDArray biasTerm = h.mmul(d.hiddenBias().reshape(d.numHidden(), 1)).reshape(h.size(0));
        INDArray wh = h.mmul(d.weights().transpose()); // [rows, nv]
        if (d.units() == VisibleUnits.BINARY) {
            return biasTerm.addi(Rbm.softplus(wh.addiRowVector(d.visibleBias())).sum(1));
        }
        double s = d.sigma();
        INDArray c = d.visibleBias();
        INDArray m = wh.muli(s).addiRowVector(c);
        double cc = c.mul(c).sumNumber().doubleValue();
        return biasTerm.addi(m.muli(m).sum(1).subi(cc).divi(2 * s * s));
    }
}
