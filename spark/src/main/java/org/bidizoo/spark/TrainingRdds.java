package org.bidizoo.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training RDDs from bidizoo's verified MNIST / Fashion-MNIST files: the same seeded minibatch stream a local
 * {@code train} draws ({@link DataSplits#trainIterator}, epoch after epoch), each minibatch made into the model's
 * training batch ({@link BidizooModel#trainingBatch}) and the minibatches spread over one partition per worker.
 * The minibatches are made on the driver, a stretch at a time ({@link #next}), so memory stays bounded however long
 * the run.
 */
public final class TrainingRdds {
    private TrainingRdds() {
    }

    /**
     * @param model the zoo model (feature layout)
     * @param data  verified splits
     * @param batch examples per minibatch
     * @param seed  shuffle seed
     * @return the stream of raw training minibatches a local run with these options draws
     */
    public static Batches stream(BidizooModel model, DataSplits data, int batch, long seed) {
        return Batches.of(data.trainIterator(model.featureLayout(), batch, seed));
    }

    /**
     * @param sc          the context
     * @param model       the zoo model
     * @param batches     the raw minibatch stream (advanced by {@code minibatches})
     * @param minibatches minibatches to take, {@code >= 1}
     * @param partitions  partitions (one per worker), {@code >= 1}
     * @return the next minibatches as training batches, in stream order, in {@code partitions} partitions
     */
    public static JavaRDD<MultiDataSet> next(JavaSparkContext sc, BidizooModel model, Batches batches, int minibatches,
                                             int partitions) {
        if (minibatches < 1) {
            throw new IllegalArgumentException("minibatches = " + minibatches + ", expected >= 1");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions = " + partitions + ", expected >= 1");
        }
        List<MultiDataSet> list = new ArrayList<>(minibatches);
        for (int i = 0; i < minibatches; i++) {
            MultiDataSet raw = batches.next();
            list.add(model.trainingBatch(raw.getFeatures(0), raw.getLabels(0), raw.getLabelsMaskArray(0)));
        }
        return sc.parallelize(list, Math.min(partitions, minibatches));
    }

    /**
     * @param m a training batch
     * @return the bytes of its arrays (features, labels, masks)
     */
    public static long bytes(MultiDataSet m) {
        return bytes(m.getFeatures()) + bytes(m.getLabels()) + bytes(m.getFeaturesMaskArrays())
                + bytes(m.getLabelsMaskArrays());
    }

    private static long bytes(INDArray[] a) {
        long n = 0;
        if (a != null) {
            for (INDArray x : a) {
                n += x == null ? 0 : x.length() * x.dataType().width();
            }
        }
        return n;
    }
}
