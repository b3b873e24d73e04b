package org.bidizoo.layers.samediff;

/**
 * The one place that knows DL4J 1.0.0-M2.1's SameDiff layers return doubled gradients.
 *
 * <p>In that release a {@code SameDiffLayer}'s backward pass returns exactly twice the true
 * gradient, for its parameters and for the epsilon it passes to earlier layers. The cause is in
 * {@code ExternalErrorsFunction#doDiff}: it both registers the external-error placeholder as the
 * gradient of the layer output ({@code setGradientForVariableName}) and returns it as that op's
 * gradient contribution, which SameDiff then accumulates onto the registered one — so the layer
 * output's gradient is {@code 2 * epsilon} and everything upstream doubles with it.
 *
 * <p>Our runtime layers divide by {@link #UPSTREAM_FACTOR} after the SameDiff backward pass. The
 * test {@code GradientCorrectionTest} pins the upstream behaviour: it fails if a plain DL4J
 * {@code SameDiffLayer} stops doubling (then set this to 1) or if ours stops matching DL4J's
 * built-in layers.
 */
public final class GradientCorrection {
    /** How many times the true gradient DL4J 1.0.0-M2.1's SameDiff layers return. */
    public static final double UPSTREAM_FACTOR = 2.0;

    private GradientCorrection() {
    }
}
