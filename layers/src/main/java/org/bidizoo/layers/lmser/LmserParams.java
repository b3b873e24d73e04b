package org.bidizoo.layers.lmser;

/**
 * Parameter keys of an Lmser layer, level {@code k} counted from 0 at the input.
 *
 * <ul>
 *   <li>{@code W<k>}: bottom-up weights, used transposed top-down when weights are tied (DCW);
 *       dense {@code [nIn_k, nOut_k]}, conv {@code [kernel, kernel, inC_k, outC_k]}</li>
 *   <li>{@code V<k>}: top-down weights when weights are not tied, same shape as {@code W<k>}</li>
 *   <li>{@code b<k>}: bottom-up bias, {@code [1, nOut_k]} (channels for conv)</li>
 *   <li>{@code c<k>}: top-down bias on the level's lower side, {@code [1, nIn_k]} (channels for conv);
 *       {@code c0} is the reconstruction's bias</li>
 * </ul>
 */
public final class LmserParams {
    private LmserParams() {
    }

    /** @param k level @return the bottom-up weight key */
    public static String weight(int k) {
        return "W" + k;
    }

    /** @param k level @return the untied top-down weight key */
    public static String decoderWeight(int k) {
        return "V" + k;
    }

    /** @param k level @return the bottom-up bias key */
    public static String bias(int k) {
        return "b" + k;
    }

    /** @param k level @return the top-down bias key */
    public static String topDownBias(int k) {
        return "c" + k;
    }
}
