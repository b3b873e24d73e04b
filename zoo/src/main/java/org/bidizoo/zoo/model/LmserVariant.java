package org.bidizoo.zoo.model;

import java.util.Arrays;
import java.util.Locale;

/** The Lmser variants of seed 000's experiments. */
public enum LmserVariant {
    /** Lmser(un): tied weights and paired neurons, reconstruction loss only */
    UN("un", true, true),
    /** Lmser(un-n): tied weights, no paired neurons */
    UN_N("un-n", true, false),
    /** the autoencoder baseline: untied weights, no paired neurons */
    AE("ae", false, false),
    /** Lmser(sup), Eq. 4: Lmser(un) plus softmax cross-entropy on the label units of the top code */
    SUP("sup", true, true),
    /** Lmser(sup) without paired neurons: the top code alone drives the top-down pass (for generation) */
    SUP_N("sup-n", true, false);

    private final String cliName;
    private final boolean tied;
    private final boolean paired;

    LmserVariant(String cliName, boolean tied, boolean paired) {
        this.cliName = cliName;
        this.tied = tied;
        this.paired = paired;
    }

    /** @return the name used on the command line and in JSON, e.g. {@code un-n} */
    public String cliName() {
        return cliName;
    }

    /** @return the name used in reports, e.g. {@code lmser-un-n} or {@code ae} */
    public String reportName() {
        return this == AE ? "ae" : "lmser-" + cliName;
    }

    /** @return whether top-down uses the bottom-up weights (DCW) */
    public boolean tiedWeights() {
        return tied;
    }

    /** @return whether paired neurons are on (DPN) */
    public boolean pairedNeurons() {
        return paired;
    }

    /** @return whether the model also classifies */
    public boolean supervised() {
        return this == SUP || this == SUP_N;
    }

    /**
     * @param name {@code un}, {@code un-n}, {@code ae} or {@code sup} (any case; {@code lmser-} prefix allowed)
     * @return the variant
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static LmserVariant byName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceFirst("^lmser-", "");
        for (LmserVariant v : values()) {
            if (v.cliName.equals(n)) {
                return v;
            }
        }
        throw new IllegalArgumentException("variant: unknown '" + name + "'; expected one of "
                + Arrays.stream(values()).map(LmserVariant::cliName).toList());
    }
}
