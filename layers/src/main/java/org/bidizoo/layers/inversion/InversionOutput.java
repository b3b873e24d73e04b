package org.bidizoo.layers.inversion;

/** What an {@link InvertibleNet} outputs. */
public enum InversionOutput {
    /** the logits f(x), {@code [b, numClasses]} */
    LOGITS,
    /** {@code [b, numClasses + inputSize]}: the logits, then the flattened reconstruction J(x)ᵀ f(x) (split with SubsetVertex) */
    BOTH,
    /**
     * {@code [b, numClasses + inputSize + 1]}: as {@link #BOTH}, then one column holding the per-layer
     * reconstruction losses of Eq. 11–12, Σ_ℓ γ_ℓ · mean((J_ℓᵀ f(x) − z_ℓ)²) over the inputs z_ℓ of the
     * steps ℓ = 1 … L−1 with {@code layerWeights} γ (feed it to a {@link LossValue} output)
     */
    ALL
}
