package org.bidizoo.datasets.iterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.DataLocator;
import org.bidizoo.datasets.source.KnownDatasets;
import org.bidizoo.datasets.source.Split;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over images held in memory (MNIST, Fashion-MNIST, CIFAR-10).
 *
 * <p>Each minibatch has features in [0, 1], {@code [b, C*H*W]} ({@link FeatureLayout#FLAT}) or
 * {@code [b, C, H, W]} ({@link FeatureLayout#NCHW}), and one-hot labels {@code [b, numClasses]}. The
 * last batch of an epoch may be smaller. With a shuffle seed, epoch {@code e} visits the examples in
 * the order of a permutation drawn from {@code seed + e}, so runs are reproducible; without one, in
 * file order. {@link #reset()} starts the next epoch. Asynchronous prefetching (DL4J's
 * {@code AsyncDataSetIterator}) is supported: batches are independent copies.
 */
public final class ImageDataSetIterator implements DataSetIterator, EpochCursor {
    private static final long serialVersionUID = 1L;

    private final transient LabeledImages data;
    private final int batchSize;
    private final FeatureLayout layout;
    private final Long seed;
    private int[] order;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    private ImageDataSetIterator(Builder b) {
        this.data = b.limit > 0 ? b.data.first(b.limit) : b.data;
        this.batchSize = b.batchSize;
        this.layout = b.layout;
        this.seed = b.seed;
        this.order = permutation();
    }

    /**
     * @param data images in memory
     * @return a builder over them
     */
    public static Builder builder(LabeledImages data) {
        return new Builder(data);
    }

    /**
     * A builder over a known dataset, loaded (and fetched if needed) from the default data directory.
     *
     * @param name  {@code mnist} or {@code fashion-mnist}
     * @param split train or test
     * @return a builder
     * @throws IOException if the data is unavailable (the message says how to fix it)
     */
    public static Builder builder(String name, Split split) throws IOException {
        return new Builder(ImageDatasets.load(KnownDatasets.byName(name), split, DataLocator.fromEnvironment()));
    }

    /** @return the examples this iterator visits each epoch */
    public int numExamples() {
        return data.size();
    }

    /** @return the images behind this iterator */
    public LabeledImages data() {
        return data;
    }

    private int[] permutation() {
        int n = data.size();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (seed != null) {
            Random r = new Random(seed + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is finished; call reset()");
        }
        if (num < 1) {
            throw new IllegalArgumentException("num must be >= 1, got " + num);
        }
        int n = Math.min(num, order.length - cursor);
        int[] idx = new int[n];
        System.arraycopy(order, cursor, idx, 0, n);
        cursor += n;
        DataSet ds = new DataSet(data.features(idx, layout), data.oneHot(idx));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public int inputColumns() {
        return data.featureSize();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int batchInEpoch() {
        return (cursor + batchSize - 1) / batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public void seek(int epoch, int batch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch = " + epoch + ", expected >= 0");
        }
        if (batch < 0 || batch > batchesPerEpoch()) {
            throw new IllegalArgumentException("batch = " + batch + ", expected in [0, " + batchesPerEpoch() + "]");
        }
        this.epoch = epoch;
        this.order = permutation();
        this.cursor = Math.min(order.length, batch * batchSize);
    }

    /** Starts the next epoch (a new permutation when shuffling). */
    @Override
    public void reset() {
        epoch++;
        cursor = 0;
        order = permutation();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < data.numClasses(); i++) {
            l.add(String.valueOf(i));
        }
        return l;
    }

    @Override
    public void remove() {
        throw new UnsupportedOperationException("remove");
    }

    /** Builder; {@link #build()} validates every setting. */
    public static final class Builder {
        private final LabeledImages data;
        private int batchSize = 50;
        private FeatureLayout layout = FeatureLayout.FLAT;
        private Long seed;
        private int limit = -1;

        private Builder(LabeledImages data) {
            if (data == null) {
                throw new IllegalArgumentException("data must not be null");
            }
            this.data = data;
        }

        /** @param batchSize examples per minibatch (default 50) @return this */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** @param layout flat (default) or NCHW features @return this */
        public Builder layout(FeatureLayout layout) {
            this.layout = layout;
            return this;
        }

        /** @param seed shuffle each epoch with this seed (default: no shuffling) @return this */
        public Builder shuffle(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param n use only the first n examples of the split @return this */
        public Builder firstN(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("firstN must be >= 1, got " + n);
            }
            this.limit = n;
            return this;
        }

        /** @return the iterator @throws IllegalArgumentException naming the bad setting */
        public ImageDataSetIterator build() {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (layout == null) {
                throw new IllegalArgumentException("layout must not be null; expected FLAT or NCHW");
            }
            if (limit > data.size()) {
                throw new IllegalArgumentException("firstN = " + limit + " but the data holds only " + data.size()
                        + " examples");
            }
            return new ImageDataSetIterator(this);
        }
    }
}
