package org.bidizoo.zoo.analysis.deconv;

/**
 * How a projection passes an activation function on its way down to the pixels. The three differ only
 * at ReLU units; every other activation is passed by its derivative (the gradient) under every rule.
 */
public enum BackwardRule {
    /**
     * Zeiler and Fergus: the ReLU is applied to the signal going down ("the inverse of ReLU is ReLU"),
     * whatever the unit did in the forward pass.
     */
    DECONVNET,
    /** The gradient: the signal is passed where the unit's pre-activation was positive (Simonyan et al.). */
    BACKPROP,
    /** Guided backpropagation: both — passed where the pre-activation and the signal are positive. */
    GUIDED;

    /** @return the lower-case name the CLI takes */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param name a rule name, any case
     * @return the rule
     * @throws IllegalArgumentException naming the value and the rules
     */
    public static BackwardRule byName(String name) {
        for (BackwardRule r : values()) {
            if (r.cliName().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("rule: unknown '" + name + "'; expected deconvnet, backprop or guided");
    }
}
