package org.bidizoo.layers.rbm;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The energy model of one restricted Boltzmann machine on given parameter arrays: the conditionals of seed 004
 * ("Conditional probabilities ..."), Gibbs sampling, and the free energy. Stateless apart from the arrays it
 * reads (views on a layer's parameters, or copies); every method allocates its result in the current workspace
 * (or none).
 *
 * <p>Shapes: W {@code [nVisible, nHidden]}, hidden bias b {@code [1, nHidden]}, visible bias c
 * {@code [1, nVisible]}, visible batches {@code [n, nVisible]}, hidden batches {@code [n, nHidden]}. See
 * {@link VisibleUnits} for the two energies.
 */
public final class Rbm {
    private final INDArray w;
    private final INDArray hiddenBias;
    private final INDArray visibleBias;
    private final VisibleUnits units;
    private final double sigma;

    /**
     * @param w           weights {@code [nVisible, nHidden]}
     * @param hiddenBias  b {@code [1, nHidden]}
     * @param visibleBias c {@code [1, nVisible]}
     * @param units       binary or Gaussian visible units
     * @param sigma       σ of Gaussian visible units ({@code > 0}; ignored for binary units)
     * @throws IllegalArgumentException naming an array whose shape does not fit, or a bad σ
     */
    public Rbm(INDArray w, INDArray hiddenBias, INDArray visibleBias, VisibleUnits units, double sigma) {
        this.w = Objects.requireNonNull(w, "w");
        this.hiddenBias = Objects.requireNonNull(hiddenBias, "hiddenBias");
        this.visibleBias = Objects.requireNonNull(visibleBias, "visibleBias");
        this.units = Objects.requireNonNull(units, "units");
        if (w.rank() != 2 || hiddenBias.length() != w.size(1) || visibleBias.length() != w.size(0)) {
            throw new IllegalArgumentException("RBM parameters: W " + java.util.Arrays.toString(w.shape())
                    + ", hidden bias of length " + hiddenBias.length() + ", visible bias of length "
                    + visibleBias.length() + "; expected W [nVisible, nHidden], b [1, nHidden], c [1, nVisible]");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma = " + sigma + ", expected a positive finite number");
        }
        this.sigma = units == VisibleUnits.GAUSSIAN ? sigma : 1.0;
    }

    /** @return the number of visible units */
    public int numVisible() {
        return (int) w.size(0);
    }

    /** @return the number of hidden units */
    public int numHidden() {
        return (int) w.size(1);
    }

    /** @return W {@code [nVisible, nHidden]} (the array itself) */
    public INDArray weights() {
        return w;
    }

    /** @return b {@code [1, nHidden]} (the array itself) */
    public INDArray hiddenBias() {
        return hiddenBias;
    }

    /** @return c {@code [1, nVisible]} (the array itself) */
    public INDArray visibleBias() {
        return visibleBias;
    }

    /** @return the visible units' kind */
    public VisibleUnits units() {
        return units;
    }

    /** @return σ (1 for binary units) */
    public double sigma() {
        return sigma;
    }

    /** @return a copy of this RBM in double precision (for exact likelihoods) */
    public Rbm toDouble() {
        return new Rbm(w.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup(),
                hiddenBias.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().reshape(1, numHidden()),
                visibleBias.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().reshape(1, numVisible()), units,
                sigma);
    }

    /**
     * @param v visible states {@code [n, nVisible]}
     * @return the hidden pre-activation b + vᵀW / σ, {@code [n, nHidden]}
     */
    public INDArray hiddenInput(INDArray v) {
        INDArray z = v.mmul(w);
        if (sigma != 1.0) {
            z.divi(sigma);
        }
        return z.addiRowVector(hiddenBias);
    }

    /**
     * @param v visible states {@code [n, nVisible]}
     * @return p(h = 1 | v), {@code [n, nHidden]}
     */
    public INDArray hiddenMean(INDArray v) {
        return Transforms.sigmoid(hiddenInput(v), false);
    }

    /**
     * @param h hidden states or probabilities {@code [n, nHidden]}
     * @return E[v | h]: sigm(c + Wh) for binary units, c + σWh for Gaussian ones, {@code [n, nVisible]}
     */
    public INDArray visibleMean(INDArray h) {
        INDArray z = h.mmul(w.transpose());
        if (units == VisibleUnits.BINARY) {
            return Transforms.sigmoid(z.addiRowVector(visibleBias), false);
        }
        return z.muli(sigma).addiRowVector(visibleBias);
    }

    /**
     * @param hiddenMean p(h = 1 | v) {@code [n, nHidden]}
     * @return a Bernoulli sample of it, same shape and type
     */
    public INDArray sampleHidden(INDArray hiddenMean) {
        return bernoulli(hiddenMean);
    }

    /**
     * @param visibleMean E[v | h] {@code [n, nVisible]}
     * @return a sample of p(v | h): Bernoulli for binary units, mean + σ·N(0, 1) for Gaussian ones
     */
    public INDArray sampleVisible(INDArray visibleMean) {
        if (units == VisibleUnits.BINARY) {
            return bernoulli(visibleMean);
        }
        return Nd4j.randn(visibleMean.dataType(), visibleMean.shape()).muli(sigma).addi(visibleMean);
    }

    /**
     * One step of block Gibbs sampling, v → h ~ p(h | v) → v' ~ p(v | h).
     *
     * @param v visible states {@code [n, nVisible]}
     * @return v', same shape
     */
    public INDArray gibbs(INDArray v) {
        return sampleVisible(visibleMean(sampleHidden(hiddenMean(v))));
    }

    /**
     * The free energy F(v) = −log Σ_h exp(−E(v, h)): for binary units −cᵀv − Σ_j softplus(b_j + vᵀW_j), for
     * Gaussian ones ‖v − c‖²/(2σ²) − Σ_j softplus(b_j + vᵀW_j/σ).
     *
     * @param v visible states {@code [n, nVisible]}
     * @return F(v) per row, {@code [n]}
     */
    public INDArray freeEnergy(INDArray v) {
        if (units == VisibleUnits.BINARY) {
            return annealedFreeEnergy(v, hiddenInput(v), 1.0, visibleBias);
        }
        INDArray hiddenTerm = softplus(hiddenInput(v)).sum(1);
        INDArray d = v.subRowVector(visibleBias);
        return d.muli(d).sum(1).divi(2 * sigma * sigma).subi(hiddenTerm);
    }

    /**
     * The free energy of the binary RBM at inverse temperature β on the path of annealed importance sampling from a
     * base-rate model (visible bias c_A, no weights, hidden bias 0, as many hidden units) to this RBM: the
     * intermediate model p_β(v) ∝ p_A(v)^{1−β} p(v)^β is itself an RBM with weights βW, hidden bias βb and visible
     * bias (1 − β)c_A + βc, so F_β(v) = −((1 − β)c_A + βc)ᵀv − Σ_j softplus(β(b_j + vᵀW_j)). At β = 1 this is
     * {@link #freeEnergy}; at β = 0 the base model's −c_Aᵀv − nHidden·log 2.
     *
     * @param v               binary visible states {@code [n, nVisible]}
     * @param hiddenInput     their pre-activation {@link #hiddenInput}(v) under this RBM, {@code [n, nHidden]}
     *                        (passed in so that one product serves several β; not modified)
     * @param beta            β in [0, 1]
     * @param baseVisibleBias c_A {@code [1, nVisible]}
     * @return F_β(v) per row, {@code [n]}
     * @throws IllegalStateException for Gaussian visible units
     */
    public INDArray annealedFreeEnergy(INDArray v, INDArray hiddenInput, double beta, INDArray baseVisibleBias) {
        if (units != VisibleUnits.BINARY) {
            throw new IllegalStateException("annealed free energy: defined here for binary visible units, got " + units);
        }
        INDArray bias = beta == 1.0 ? visibleBias
                : visibleBias.mul(beta).addi(baseVisibleBias.reshape(visibleBias.shape()).mul(1 - beta));
        INDArray visibleTerm = v.mmul(bias.reshape(numVisible(), 1)).reshape(v.size(0));
        INDArray hiddenTerm = softplus(beta == 1.0 ? hiddenInput : hiddenInput.mul(beta)).sum(1);
        return visibleTerm.addi(hiddenTerm).negi();
    }

    /**
     * @param x any array
     * @return log(1 + eˣ) elementwise, computed as max(x, 0) + log(1 + e^−|x|) so that it never overflows
     */
    public static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1.0), false);
        return Transforms.relu(x, true).addi(tail);
    }

    private static INDArray bernoulli(INDArray p) {
        INDArray u = Nd4j.rand(p.dataType(), p.shape());
        return p.gt(u).castTo(p.dataType());
    }
}
