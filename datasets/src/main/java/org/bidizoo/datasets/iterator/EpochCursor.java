package org.bidizoo.datasets.iterator;

/**
 * Where an epoch-based, seeded iterator stands, and a way to put it anywhere: a resumed training run draws the
 * same minibatches as an uninterrupted one.
 */
public interface EpochCursor {
    /** @return the epoch in progress: 0 until the first reset */
    int epoch();

    /** @return minibatches already drawn in the epoch in progress */
    int batchInEpoch();

    /** @return minibatches in one epoch (the last may be smaller) */
    int batchesPerEpoch();

    /**
     * Puts the iterator where it would be after {@code epoch} resets and {@code batch} minibatches of that epoch.
     *
     * @param epoch the epoch, {@code >= 0}
     * @param batch minibatches already drawn in it, in [0, batchesPerEpoch()]
     * @throws IllegalArgumentException naming the value and the valid range
     */
    void seek(int epoch, int batch);
}
