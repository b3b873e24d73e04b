package org.bidizoo.zoo.train;

/**
 * Where a stream of training minibatches stands: the next minibatch is number {@code batch} (0-based) of
 * epoch {@code epoch}. Saved in checkpoints so a resumed run draws the same minibatches.
 *
 * @param epoch epochs finished, {@code >= 0}
 * @param batch minibatches already drawn in the epoch in progress, {@code >= 0}
 */
public record BatchPosition(int epoch, int batch) {
    /** The start of a run. */
    public static final BatchPosition START = new BatchPosition(0, 0);

    /** Validates. */
    public BatchPosition {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("batch position (epoch " + epoch + ", batch " + batch
                    + "): expected both >= 0");
        }
    }
}
