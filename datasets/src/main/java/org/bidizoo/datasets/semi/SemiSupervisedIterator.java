package org.bidizoo.datasets.semi;

import java.util.NoSuchElementException;
import java.util.Random;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.EpochCursor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Semi-supervised minibatches: a fixed set of N labeled examples (balanced over classes, chosen
 * with a seed) and every other example unlabeled, mixed in each minibatch in a fixed ratio.
 *
 * <p>Each {@link MultiDataSet} has one features array ({@code [b, C*H*W]} or {@code [b, C, H, W]},
 * pixels in [0, 1]), one labels array {@code [b, numClasses]} (one-hot for labeled rows, all zeros
 * for unlabeled rows) and one labels mask {@code [b, 1]} (1 labeled, 0 unlabeled). The first
 * {@code labeledPerBatch} rows of a full batch are labeled, the rest unlabeled.
 *
 * <p>An epoch lasts until every labeled and every unlabeled example has been drawn at least once:
 * each pool is visited in a fresh seeded permutation, and the smaller one wraps around. So one
 * epoch yields exactly N distinct labeled examples. The last batch may be smaller.
 */
public final class SemiSupervisedIterator implements MultiDataSetIterator, EpochCursor {
    private static final long serialVersionUID = 1L;

    private final transient LabeledImages data;
    private final int batchSize;
    private final int labeledPerBatch;
    private final FeatureLayout layout;
    private final long seed;
    private final int[] labeled;
    private final int[] unlabeled;
    private final int batchesPerEpoch;
    private int epoch;
    private int batchInEpoch;
    private int[] labeledOrder;
    private int[] unlabeledOrder;
    private int labeledCursor;
    private int unlabeledCursor;
    private MultiDataSetPreProcessor preProcessor;

    private SemiSupervisedIterator(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.labeledPerBatch = b.labeledPerBatch;
        this.layout = b.layout;
        this.seed = b.seed;
        this.labeled = b.data.balancedIndices(b.numLabeled, b.seed);
        boolean[] isLabeled = new boolean[data.size()];
        for (int i : labeled) {
            isLabeled[i] = true;
        }
        int[] rest = new int[data.size() - labeled.length];
        int k = 0;
        for (int i = 0; i < data.size(); i++) {
            if (!isLabeled[i]) {
                rest[k++] = i;
            }
        }
        this.unlabeled = rest;
        int unlabeledPerBatch = batchSize - labeledPerBatch;
        this.batchesPerEpoch = Math.max(ceilDiv(labeled.length, labeledPerBatch),
                ceilDiv(unlabeled.length, unlabeledPerBatch));
        startEpoch();
    }

    /**
     * @param data the training images; labels of the unlabeled part are never emitted
     * @return a builder
     */
    public static Builder builder(LabeledImages data) {
        return new Builder(data);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private int[] shuffled(int[] items, long s) {
        int[] p = items.clone();
        Random r = new Random(s);
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private void startEpoch() {
        batchInEpoch = 0;
        labeledCursor = 0;
        unlabeledCursor = 0;
        labeledOrder = shuffled(labeled, seed * 31 + 2L * epoch);
        unlabeledOrder = shuffled(unlabeled, seed * 31 + 2L * epoch + 1);
    }

    /** @return indices (into the data) of the labeled examples, ascending (a copy) */
    public int[] labeledIndices() {
        return labeled.clone();
    }

    /** @return number of labeled examples */
    public int numLabeled() {
        return labeled.length;
    }

    /** @return number of unlabeled examples */
    public int numUnlabeled() {
        return unlabeled.length;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int batchInEpoch() {
        return batchInEpoch;
    }

    @Override
    public void seek(int epoch, int batch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch = " + epoch + ", expected >= 0");
        }
        if (batch < 0 || batch > batchesPerEpoch) {
            throw new IllegalArgumentException("batch = " + batch + ", expected in [0, " + batchesPerEpoch + "]");
        }
        this.epoch = epoch;
        startEpoch();
        // every minibatch before the last of an epoch is full, so the cursors are plain multiples
        int skipped = Math.min(batch, batchesPerEpoch - 1);
        labeledCursor = skipped * labeledPerBatch;
        unlabeledCursor = skipped * (batchSize - labeledPerBatch);
        batchInEpoch = skipped;
        if (batch == batchesPerEpoch) {
            next();
        }
    }

    @Override
    public MultiDataSet next(int num) {
        if (num != batchSize) {
            throw new IllegalArgumentException("num: this iterator mixes labeled and unlabeled rows in batches of "
                    + batchSize + "; next(" + num + ") is not supported");
        }
        return next();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is finished; call reset()");
        }
        boolean last = batchInEpoch == batchesPerEpoch - 1;
        int nl = labeledPerBatch;
        int nu = batchSize - labeledPerBatch;
        if (last) {
            // a pool not yet fully drawn takes only what is left of it; a pool already drawn wraps around
            if (labeledCursor < labeled.length) {
                nl = Math.min(nl, labeled.length - labeledCursor);
            }
            if (unlabeledCursor < unlabeled.length) {
                nu = Math.min(nu, unlabeled.length - unlabeledCursor);
            }
        }
        int[] idx = new int[nl + nu];
        for (int i = 0; i < nl; i++) {
            idx[i] = labeledOrder[labeledCursor++ % labeledOrder.length];
        }
        for (int i = 0; i < nu; i++) {
            idx[nl + i] = unlabeledOrder[unlabeledCursor++ % unlabeledOrder.length];
        }
        batchInEpoch++;
        INDArray features = data.features(idx, layout);
        INDArray labels = data.oneHot(idx);
        float[] m = new float[idx.length];
        for (int i = 0; i < nl; i++) {
            m[i] = 1f;
        }
        if (nu > 0) {
            labels.get(NDArrayIndex.interval(nl, idx.length),
                    NDArrayIndex.all()).assign(0);
        }
        INDArray mask = Nd4j.create(m, new long[] {idx.length, 1}, DataType.FLOAT);
        MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features},
                new INDArray[] {labels}, null, new INDArray[] {mask});
        if (preProcessor != null) {
            preProcessor.preProcess(mds);
        }
        return mds;
    }

    @Override
    public boolean hasNext() {
        return batchInEpoch < batchesPerEpoch;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts the next epoch with fresh permutations of both pools; the labeled set stays the same. */
    @Override
    public void reset() {
        epoch++;
        startEpoch();
    }

    @Override
    public void remove() {
        throw new UnsupportedOperationException("remove");
    }

    /** Builder; {@link #build()} validates every setting. */
    public static final class Builder {
        private final LabeledImages data;
        private int numLabeled = 100;
        private int batchSize = 100;
        private int labeledPerBatch = 10;
        private FeatureLayout layout = FeatureLayout.FLAT;
        private long seed = 12345;

        private Builder(LabeledImages data) {
            if (data == null) {
                throw new IllegalArgumentException("data must not be null");
            }
            this.data = data;
        }

        /** @param n labeled examples N, balanced over classes (default 100) @return this */
        public Builder numLabeled(int n) {
            this.numLabeled = n;
            return this;
        }

        /** @param batchSize rows per minibatch (default 100) @return this */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** @param k labeled rows per minibatch, in [1, batchSize - 1] (default 10) @return this */
        public Builder labeledPerBatch(int k) {
            this.labeledPerBatch = k;
            return this;
        }

        /** @param layout flat (default) or NCHW features @return this */
        public Builder layout(FeatureLayout layout) {
            this.layout = layout;
            return this;
        }

        /** @param seed seed for choosing the labeled set and for shuffling (default 12345) @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the iterator @throws IllegalArgumentException naming the bad setting */
        public SemiSupervisedIterator build() {
            if (numLabeled < data.numClasses() || numLabeled >= data.size()) {
                throw new IllegalArgumentException("numLabeled = " + numLabeled + ", expected at least one per class ("
                        + data.numClasses() + ") and fewer than the " + data.size() + " examples");
            }
            if (batchSize < 2) {
                throw new IllegalArgumentException("batchSize = " + batchSize + ", expected >= 2 (labeled and unlabeled rows)");
            }
            if (labeledPerBatch < 1 || labeledPerBatch >= batchSize) {
                throw new IllegalArgumentException("labeledPerBatch = " + labeledPerBatch + ", expected in [1, "
                        + (batchSize - 1) + "] for batchSize " + batchSize);
            }
            if (layout == null) {
                throw new IllegalArgumentException("layout must not be null; expected FLAT or NCHW");
            }
            return new SemiSupervisedIterator(this);
        }
    }
}
