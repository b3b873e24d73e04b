package org.bidizoo.layers.rbm;

import java.util.Arrays;
import java.util.Objects;

import org.bidizoo.layers.runtime.ScratchWorkspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annealed importance sampling (AIS) estimate of the partition function of a binary-visible RBM too large to
 * enumerate (Neal 2001; Salakhutdinov and Murray, "On the quantitative analysis of deep belief networks", ICML 2008).
 *
 * <p><b>The path.</b> The base model A is a "base-rate" RBM: no weights, hidden bias 0, visible bias c_A fitted to
 * the training data ({@link #baseRateBias}), so log Z_A = Σ_i softplus(c_{A,i}) + nHidden·log 2 exactly. The
 * intermediate models p_k(v) ∝ p_A(v)^{1−β_k} p_B(v)^{β_k}, 0 = β_0 &lt; β_1 &lt; … &lt; β_K = 1, are RBMs with
 * weights β_kW, hidden bias β_kb and visible bias (1 − β_k)c_A + β_kc; their unnormalised log-probabilities are
 * the free energies of {@link Rbm#annealedFreeEnergy} (the same code as {@link Rbm#freeEnergy}).
 *
 * <p><b>One run</b>: v_1 ~ p_A (independent Bernoulli(sigm(c_A))); for k = 1 … K the log-weight gains
 * log p*_k(v_k) − log p*_{k−1}(v_k) = F_{k−1}(v_k) − F_k(v_k), and v_{k+1} is one block-Gibbs step (h ~ p_k(h | v),
 * v ~ p_k(v | h)) that leaves p_k invariant. E[w] = Z_B / Z_A, so with M independent runs
 * log Ẑ_B = log Z_A + log((1/M) Σ_m w_m), computed as a log-mean-exp. The M runs are the rows of one
 * {@code [M, nVisible]} batch; each step is two matrix products {@code [M, nVisible] × [nVisible, nHidden]} and
 * back, in double precision, its temporaries in a reused workspace.
 *
 * <p><b>Error bar</b>, as Salakhutdinov and Murray report it: σ̂ = the sample standard deviation of the M weights
 * divided by √M (the standard error of the mean weight), and the interval [log(Ẑ − 3σ̂), log(Ẑ + 3σ̂)] (the lower
 * end is −∞ when 3σ̂ ≥ Ẑ). It measures the spread of the weights only; because E[Ẑ] = Z, log Ẑ underestimates log Z
 * on average (Jensen), so a test log-probability computed from it is, in expectation, an overestimate — the
 * weights' spread is what warns that a run was too short.
 *
 * <p><b>Schedule</b> ({@link Schedule}): {@link Schedule#PAPER} (the default) spaces β uniformly on [0, 0.5],
 * [0.5, 0.9] and [0.9, 1] with 500/14,500, 4,000/14,500 and 10,000/14,500 of the K steps (the paper's 500, 4,000 and
 * 10,000 for K = 14,500); {@link Schedule#LINEAR} spaces them uniformly on [0, 1].
 *
 * <p>Reproducible: {@link #estimate} reseeds ND4J's global random generator with the builder's seed (the Gibbs
 * steps use {@link Rbm#sampleHidden} and {@link Rbm#sampleVisible}, which draw from it).
 *
 * <pre>{@code
 * AnnealedImportanceSampling ais = AnnealedImportanceSampling.builder().runs(100).intermediate(14_500).seed(1).build();
 * AnnealedImportanceSampling.Estimate e = ais.estimate(rbm, AnnealedImportanceSampling.baseRateBias(trainData, 0.05));
 * double testLogProb = RbmLikelihood.meanLogLikelihood(rbm, testData, e.logZ());
 * }</pre>
 */
public final class AnnealedImportanceSampling {
    private static final Logger LOG = LoggerFactory.getLogger(AnnealedImportanceSampling.class);
    /** The paper's number of intermediate distributions (β steps), the default. */
    public static final int PAPER_INTERMEDIATE = 14_500;
    /** The paper's parallel runs, the default. */
    public static final int PAPER_RUNS = 100;
    /** Salakhutdinov's pseudo-count for the base rates (5 per 100 examples), the default smoothing. */
    public static final double DEFAULT_SMOOTHING = 0.05;

    /** How the inverse temperatures β_0 = 0 … β_K = 1 are spaced. */
    public enum Schedule {
        /** Uniform on [0, 1]. */
        LINEAR,
        /** Uniform on [0, 0.5], [0.5, 0.9], [0.9, 1] with 500, 4,000, 10,000 of every 14,500 steps (the paper's). */
        PAPER
    }

    /**
     * The result of a run of AIS.
     *
     * @param logZ       log Ẑ_B, the estimate, nats
     * @param logZLower  log(Ẑ_B − 3σ̂) (−∞ when 3σ̂ ≥ Ẑ_B, NaN for a single run)
     * @param logZUpper  log(Ẑ_B + 3σ̂) (NaN for a single run)
     * @param logZBase   log Z_A of the base-rate model, exact
     * @param logWeights log w_m of every run, {@code [M]}
     * @param betas      the inverse temperatures used, {@code [K + 1]}
     */
    public record Estimate(double logZ, double logZLower, double logZUpper, double logZBase, double[] logWeights,
                           double[] betas) {
        /** @return the sample standard deviation of the log-weights (0 for one run) */
        public double logWeightStd() {
            int m = logWeights.length;
            if (m < 2) {
                return 0;
            }
            double mean = Arrays.stream(logWeights).average().orElse(0);
            double ss = Arrays.stream(logWeights).map(x -> (x - mean) * (x - mean)).sum();
            return Math.sqrt(ss / (m - 1));
        }
    }

    private final int runs;
    private final int intermediate;
    private final Schedule schedule;
    private final long seed;

    private AnnealedImportanceSampling(Builder b) {
        this.runs = b.runs;
        this.intermediate = b.intermediate;
        this.schedule = b.schedule;
        this.seed = b.seed;
    }

    /** @return a builder: the paper's 100 runs and 14,500 intermediate distributions, its schedule, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return M, the number of parallel runs */
    public int runs() {
        return runs;
    }

    /** @return K, the number of annealing steps (β_0 … β_K) */
    public int intermediate() {
        return intermediate;
    }

    /** @return the β spacing */
    public Schedule schedule() {
        return schedule;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @return β_0 = 0 &lt; β_1 &lt; … &lt; β_K = 1, {@code [K + 1]}
     */
    public double[] betas() {
        return betas(intermediate, schedule);
    }

    /**
     * @param k        K ≥ 1 steps
     * @param schedule the spacing; {@link Schedule#PAPER} with K &lt; 3 (too few steps for its three pieces) is linear
     * @return β_0 = 0 … β_K = 1, strictly increasing
     */
    static double[] betas(int k, Schedule schedule) {
        double[] b = new double[k + 1];
        if (schedule == Schedule.LINEAR || k < 3) {
            fill(b, 0, k, 0.0, 1.0);
        } else {
            int n1 = Math.max(1, (int) Math.round(k * 500.0 / PAPER_INTERMEDIATE));
            int n2 = Math.max(1, (int) Math.round(k * 4000.0 / PAPER_INTERMEDIATE));
            n2 = Math.min(n2, k - n1 - 1);
            fill(b, 0, n1, 0.0, 0.5);
            fill(b, n1, n1 + n2, 0.5, 0.9);
            fill(b, n1 + n2, k, 0.9, 1.0);
        }
        return b;
    }

    /** b[from..to] uniformly from lo to hi (both ends exact). */
    private static void fill(double[] b, int from, int to, double lo, double hi) {
        for (int i = from; i <= to; i++) {
            b[i] = i == to ? hi : lo + (hi - lo) * (i - from) / (to - from);
        }
    }

    /**
     * The base-rate model's visible bias fitted to the data, after Salakhutdinov and Murray's code: the smoothed
     * pixel marginal p_i = (mean_i + s) / (1 + 2s) (a pseudo-count of s per example for each value, which keeps p_i
     * off 0 and 1; their code adds it to the "on" count only, which leaves an always-on pixel at p = 1), c_{A,i} =
     * log(p_i / (1 − p_i)). With it the base model p_A is the product of the pixels' marginals, so AIS starts close to
     * the data.
     *
     * @param data      binary training images {@code [n, nVisible]}, n ≥ 1
     * @param smoothing s &gt; 0 (Salakhutdinov's 5 per 100 examples: {@value #DEFAULT_SMOOTHING})
     * @return c_A {@code [1, nVisible]}, double
     * @throws IllegalArgumentException naming the data's shape or the smoothing if they do not fit
     */
    public static INDArray baseRateBias(INDArray data, double smoothing) {
        Objects.requireNonNull(data, "data");
        if (data.rank() != 2 || data.size(0) < 1) {
            throw new IllegalArgumentException("data: shape " + Arrays.toString(data.shape())
                    + ", expected [n >= 1, nVisible] training images");
        }
        if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
            throw new IllegalArgumentException("smoothing = " + smoothing + ", expected a positive finite pseudo-count"
                    + " per example (e.g. " + DEFAULT_SMOOTHING + ")");
        }
        INDArray p = data.castTo(DataType.DOUBLE).mean(true, 0).addi(smoothing).divi(1 + 2 * smoothing);
        return Transforms.log(p, true).subi(Transforms.log(p.rsub(1.0), false)).reshape(1, data.size(1));
    }

    /**
     * Runs AIS from the base-rate model with visible bias c_A to {@code rbm}.
     *
     * @param rbm             a binary-visible RBM (any size; computed in double)
     * @param baseVisibleBias c_A {@code [1, nVisible]} ({@link #baseRateBias}), finite
     * @return the estimate of log Z with its error bar
     * @throws IllegalArgumentException for Gaussian units, or a base bias of the wrong length or not finite
     */
    public Estimate estimate(Rbm rbm, INDArray baseVisibleBias) {
        Objects.requireNonNull(rbm, "rbm");
        Objects.requireNonNull(baseVisibleBias, "baseVisibleBias");
        if (rbm.units() != VisibleUnits.BINARY) {
            throw new IllegalArgumentException("AIS: implemented for binary visible units, got " + rbm.units());
        }
        if (baseVisibleBias.length() != rbm.numVisible()) {
            throw new IllegalArgumentException("baseVisibleBias: length " + baseVisibleBias.length()
                    + ", expected nVisible = " + rbm.numVisible());
        }
        Rbm d = rbm.toDouble();
        INDArray cA = baseVisibleBias.castTo(DataType.DOUBLE).dup().reshape(1, d.numVisible());
        double cAmax = Math.abs(cA.amaxNumber().doubleValue());
        if (!Double.isFinite(cA.sumNumber().doubleValue()) || !Double.isFinite(cAmax)) {
            throw new IllegalArgumentException("baseVisibleBias: not finite; expected finite log-odds");
        }
        double[] beta = betas();
        Nd4j.getRandom().setSeed(seed);
        double logZA = Rbm.softplus(cA).sumNumber().doubleValue() + d.numHidden() * Math.log(2);
        INDArray v = d.sampleVisible(Transforms.sigmoid(Nd4j.zeros(DataType.DOUBLE, runs, d.numVisible())
                .addiRowVector(cA), false));
        INDArray logW = Nd4j.zeros(DataType.DOUBLE, runs);
        INDArray wT = d.weights().transpose();
        long t0 = System.nanoTime();
        for (int k = 1; k < beta.length; k++) {
            try (MemoryWorkspace ws = ScratchWorkspace.open("RBM_AIS")) {
                INDArray x = d.hiddenInput(v);
                logW.addi(d.annealedFreeEnergy(v, x, beta[k - 1], cA).subi(d.annealedFreeEnergy(v, x, beta[k], cA)));
                if (k < beta.length - 1) {
                    v.assign(transition(d, wT, x, v, beta[k], cA));
                }
            }
            if (k % 2000 == 0) {
                LOG.debug("AIS step {}/{} ({} s)", k, beta.length - 1, (System.nanoTime() - t0) / 1e9);
            }
        }
        double[] lw = logW.toDoubleVector();
        return summarize(logZA, lw, beta);
    }

    /** One block-Gibbs step v → h ~ p_β(h | v) → v' ~ p_β(v | h) of the intermediate model at β. */
    private static INDArray transition(Rbm d, INDArray wT, INDArray x, INDArray v, double beta, INDArray cA) {
        INDArray h = d.sampleHidden(Transforms.sigmoid(x.mul(beta), false));
        INDArray bias = d.visibleBias().mul(beta).addi(cA.mul(1 - beta));
        INDArray pre = h.mmul(wT).muli(beta).addiRowVector(bias);
        return d.sampleVisible(Transforms.sigmoid(pre, false));
    }

    /** log Ẑ and the ±3σ̂ interval from the log-weights. */
    static Estimate summarize(double logZA, double[] lw, double[] beta) {
        int m = lw.length;
        double max = Arrays.stream(lw).max().orElseThrow();
        double mean = 0;
        for (double x : lw) {
            mean += Math.exp(x - max);
        }
        mean /= m;
        double logZ = logZA + max + Math.log(mean);
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (m > 1) {
            double ss = 0;
            for (double x : lw) {
                double r = Math.exp(x - max) - mean;
                ss += r * r;
            }
            double se = Math.sqrt(ss / (m - 1)) / Math.sqrt(m);
            lower = mean - 3 * se > 0 ? logZA + max + Math.log(mean - 3 * se) : Double.NEGATIVE_INFINITY;
            upper = logZA + max + Math.log(mean + 3 * se);
        }
        return new Estimate(logZ, lower, upper, logZA, lw, beta);
    }

    /** Options of an {@link AnnealedImportanceSampling}; {@link #build()} validates them. */
    public static final class Builder {
        private int runs = PAPER_RUNS;
        private int intermediate = PAPER_INTERMEDIATE;
        private Schedule schedule = Schedule.PAPER;
        private long seed;

        private Builder() {
        }

        /**
         * @param m parallel AIS runs (importance weights), ≥ 1 (≥ 2 for an error bar); default
         *          {@value AnnealedImportanceSampling#PAPER_RUNS}
         * @return this
         */
        public Builder runs(int m) {
            this.runs = m;
            return this;
        }

        /**
         * @param k annealing steps K: the inverse temperatures are β_0 = 0 … β_K = 1 (K + 1 ≥ 2 betas), ≥ 1;
         *          default {@value AnnealedImportanceSampling#PAPER_INTERMEDIATE}; K = 1 is plain importance
         *          sampling from the base model
         * @return this
         */
        public Builder intermediate(int k) {
            this.intermediate = k;
            return this;
        }

        /**
         * @param s the spacing of the β (default {@link Schedule#PAPER})
         * @return this
         */
        public Builder schedule(Schedule s) {
            this.schedule = s;
            return this;
        }

        /**
         * @param s the seed of ND4J's global generator for the base samples and the Gibbs steps
         * @return this
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @return the sampler
         * @throws IllegalArgumentException naming the option, its value and what was expected
         */
        public AnnealedImportanceSampling build() {
            if (runs < 1) {
                throw new IllegalArgumentException("runs = " + runs + ", expected >= 1 parallel AIS runs");
            }
            if (intermediate < 1) {
                throw new IllegalArgumentException("intermediate = " + intermediate + ", expected >= 1 annealing"
                        + " steps (betas = intermediate + 1 >= 2, from 0 to 1)");
            }
            if (schedule == null) {
                throw new IllegalArgumentException("schedule = null, expected LINEAR or PAPER");
            }
            return new AnnealedImportanceSampling(this);
        }
    }
}
