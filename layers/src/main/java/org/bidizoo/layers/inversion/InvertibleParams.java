package org.bidizoo.layers.inversion;

/**
 * Parameter keys of an {@link InvertibleNet}: step i's weights and bias; a residual step has two
 * convolutions, {@code a} then {@code b}.
 */
public final class InvertibleParams {
    private InvertibleParams() {
    }

    /** @param i step @return key of the weights of a CONV or DENSE step */
    public static String weight(int i) {
        return "W" + i;
    }

    /** @param i step @return key of the bias of a CONV or DENSE step */
    public static String bias(int i) {
        return "b" + i;
    }

    /** @param i residual step @param branch 'a' (first convolution) or 'b' (second) @return key of its weights */
    public static String residualWeight(int i, char branch) {
        return "W" + i + branch;
    }

    /** @param i residual step @param branch 'a' or 'b' @return key of its bias */
    public static String residualBias(int i, char branch) {
        return "b" + i + branch;
    }
}
