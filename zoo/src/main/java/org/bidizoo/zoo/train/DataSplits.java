package org.bidizoo.zoo.train;

import java.io.IOException;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.source.DataLocator;
import org.bidizoo.datasets.source.DatasetDescriptor;
import org.bidizoo.datasets.source.KnownDatasets;
import org.bidizoo.datasets.source.Split;

/**
 * The train and test sets of a known dataset, loaded once (fetched if needed), handing out fresh
 * iterators in any layout.
 */
public final class DataSplits {
    private final DatasetDescriptor descriptor;
    private final LabeledImages train;
    private final LabeledImages test;

    private DataSplits(DatasetDescriptor d, LabeledImages train, LabeledImages test) {
        this.descriptor = d;
        this.train = train;
        this.test = test;
    }

    /**
     * @param name {@code mnist} or {@code fashion-mnist}
     * @return both splits, verified
     * @throws IOException if the data cannot be had (the message says how to fix it)
     */
    public static DataSplits load(String name) throws IOException {
        DatasetDescriptor d = KnownDatasets.byName(name);
        DataLocator loc = DataLocator.fromEnvironment();
        return new DataSplits(d, ImageDatasets.load(d, Split.TRAIN, loc), ImageDatasets.load(d, Split.TEST, loc));
    }

    /** @return the dataset's name */
    public String name() {
        return descriptor.name();
    }

    /** @return the training images */
    public LabeledImages train() {
        return train;
    }

    /** @return the test images */
    public LabeledImages test() {
        return test;
    }

    /**
     * @param batch a minibatch size
     * @throws IllegalArgumentException if it is not in [1, training set size]
     */
    public void requireBatch(int batch) {
        if (batch < 1 || batch > train.size()) {
            throw new IllegalArgumentException("batch = " + batch + ", expected in [1, " + train.size() + "] (the "
                    + name() + " training set's size)");
        }
    }

    /**
     * @param layout flat or NCHW
     * @param batch  minibatch size
     * @param seed   shuffle seed
     * @return a shuffled iterator over the training set
     * @throws IllegalArgumentException if the batch is not in [1, training set size]
     */
    public ImageDataSetIterator trainIterator(FeatureLayout layout, int batch, long seed) {
        requireBatch(batch);
        return ImageDataSetIterator.builder(train).layout(layout).batchSize(batch).shuffle(seed).build();
    }

    /**
     * @param layout flat or NCHW
     * @param limit  at most this many test examples (the whole set if larger)
     * @return an iterator over the test set in file order, batches of 500
     */
    public ImageDataSetIterator testIterator(FeatureLayout layout, int limit) {
        ImageDataSetIterator.Builder b = ImageDataSetIterator.builder(test).layout(layout).batchSize(500);
        if (limit < test.size()) {
            b.firstN(limit);
        }
        return b.build();
    }
}
