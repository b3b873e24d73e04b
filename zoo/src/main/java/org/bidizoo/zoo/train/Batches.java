package org.bidizoo.zoo.train;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.bidizoo.datasets.iterator.EpochCursor;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.semi.SemiSupervisedIterator;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * An endless, resumable stream of raw training minibatches: epoch after epoch of a seeded iterator. The
 * {@link TrainingLoop} turns each into the model's training batch.
 */
public interface Batches {
    /** @return the next raw minibatch (features, labels and, for semi-supervised data, the label mask) */
    MultiDataSet next();

    /** @return minibatches in one epoch */
    int batchesPerEpoch();

    /** @return where the stream stands: the next minibatch's epoch and index in it */
    BatchPosition position();

    /**
     * Puts the stream at {@code p}, as after drawing every minibatch before it.
     *
     * @param p a position this stream reported
     */
    void seek(BatchPosition p);

    /**
     * @param it a seeded (or ordered) image iterator; epochs follow each other by {@link ImageDataSetIterator#reset()}
     * @return its minibatches as a stream, labels as the only labels array
     */
    static Batches of(ImageDataSetIterator it) {
        return over(it, it::hasNext, it::reset, () -> {
            DataSet ds = it.next();
            return new org.nd4j.linalg.dataset.MultiDataSet(ds.getFeatures(), ds.getLabels());
        });
    }

    /**
     * @param it a semi-supervised iterator (label mask: 1 for labeled rows)
     * @return its minibatches as a stream
     */
    static Batches of(SemiSupervisedIterator it) {
        return over(it, it::hasNext, it::reset, it::next);
    }

    private static Batches over(EpochCursor cursor, BooleanSupplier hasNext, Runnable reset,
                                Supplier<MultiDataSet> next) {
        return new Batches() {
            @Override
            public MultiDataSet next() {
                if (!hasNext.getAsBoolean()) {
                    reset.run();
                }
                return next.get();
            }

            @Override
            public int batchesPerEpoch() {
                return cursor.batchesPerEpoch();
            }

            @Override
            public BatchPosition position() {
                return new BatchPosition(cursor.epoch(), cursor.batchInEpoch());
            }

            @Override
            public void seek(BatchPosition p) {
                cursor.seek(p.epoch(), p.batch());
            }
        };
    }
}
