package org.bidizoo.layers.rbm;

/**
 * The kind of an RBM's visible units, which fixes its energy (seed 004, "Conditional probabilities").
 *
 * <ul>
 * <li>{@link #BINARY}: E(v, h) = −vᵀWh − cᵀv − bᵀh; p(v_i = 1 | h) = sigm(c_i + W_i·h);
 * p(h_j = 1 | v) = sigm(b_j + vᵀW_j).</li>
 * <li>{@link #GAUSSIAN}: E(v, h) = −(1/σ) vᵀWh − bᵀh + ‖v − c‖² / (2σ²) (the seed's energy with σ);
 * p(v_i | h) = N(c_i + σ W_i·h, σ²); p(h_j = 1 | v) = sigm(b_j + vᵀW_j / σ).</li>
 * </ul>
 * W is {@code [nVisible, nHidden]}, b the hidden bias, c the visible bias.
 */
public enum VisibleUnits {
    /** Bernoulli visible units with values in {0, 1} (greyscale in [0, 1] is read as probabilities). */
    BINARY,
    /** Real-valued visible units with Gaussian noise of standard deviation σ (a fixed hyperparameter). */
    GAUSSIAN
}
