package org.bidizoo.ui.storage;

import java.util.List;

/** Type IDs of the dashboard's records in a {@code StatsStorage}. */
public final class RecordTypes {
    /** Reconstruction gallery: input / reconstruction (/ occluded / recall) image rows. */
    public static final String RECONSTRUCTIONS = "BidizooReconstructions";
    /** t-SNE maps of hidden layers with class distances. */
    public static final String TSNE = "BidizooTsne";
    /** Losses of each output layer (AL's local losses). */
    public static final String LOSSES = "BidizooLosses";
    /** A fixed batch next to its inversion J(x)ᵀ f(x). */
    public static final String INVERSION = "BidizooInversion";
    /** Every type above. */
    public static final List<String> ALL = List.of(RECONSTRUCTIONS, TSNE, LOSSES, INVERSION);

    private RecordTypes() {
    }
}
