package org.bidizoo.spark;

import java.util.Arrays;
import java.util.List;

import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Checks one element of a training RDD against the model on the driver, before Spark starts: the number of feature
 * and label arrays, the features' shape and type ({@link BidizooModel#checkBatch}), and each label array's shape
 * against the graph's output for one example. A mismatch is an {@link IllegalArgumentException} naming the array,
 * its shape and the expected one, instead of an ND4J error inside a Spark task.
 */
public final class RddShapes {
    private RddShapes() {
    }

    /**
     * @param model the zoo model
     * @param graph its graph
     * @param first an element of the RDD (a minibatch)
     * @throws IllegalArgumentException naming the mismatch
     */
    public static void check(BidizooModel model, ComputationGraph graph, MultiDataSet first) {
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        INDArray[] f = first.getFeatures();
        INDArray[] l = first.getLabels();
        if (f == null || f.length != inputs.size()) {
            throw new IllegalArgumentException("training data: " + (f == null ? 0 : f.length) + " feature arrays per"
                    + " minibatch, but " + model.name() + " takes " + inputs.size() + " " + inputs + " (build"
                    + " minibatches with model.trainingBatch(x, y, mask))");
        }
        if (l == null || l.length != outputs.size()) {
            throw new IllegalArgumentException("training data: " + (l == null ? 0 : l.length) + " label arrays per"
                    + " minibatch, but " + model.name() + " has " + outputs.size() + " outputs " + outputs
                    + " (build minibatches with model.trainingBatch(x, y, mask))");
        }
        try {
            model.checkBatch(f[0], null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training data: " + e.getMessage(), e);
        }
        INDArray[] one = new INDArray[f.length];
        for (int i = 0; i < f.length; i++) {
            if (f[i].size(0) != f[0].size(0)) {
                throw new IllegalArgumentException("training data: features[" + i + "] has " + f[i].size(0)
                        + " rows, features[0] " + f[0].size(0) + "; every array of a minibatch has one row per"
                        + " example");
            }
            one[i] = firstRow(f[i]);
        }
        INDArray[] out;
        try {
            out = graph.output(false, one);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("training data: the features " + shapes(f) + " do not run through "
                    + model.name() + " (inputs " + inputs + "): " + e.getMessage(), e);
        }
        for (int o = 0; o < l.length; o++) {
            long[] want = out[o].shape().clone();
            long[] got = l[o].shape();
            want[0] = got.length > 0 ? got[0] : -1;
            if (!Arrays.equals(want, got) || got[0] != f[0].size(0)) {
                want[0] = f[0].size(0);
                throw new IllegalArgumentException("training data: labels[" + o + "] has shape " + Arrays.toString(got)
                        + ", but output '" + outputs.get(o) + "' of " + model.name() + " needs "
                        + Arrays.toString(want));
            }
        }
    }

    private static INDArray firstRow(INDArray a) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(0, 1);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx).dup();
    }

    private static String shapes(INDArray[] a) {
        StringBuilder b = new StringBuilder();
        for (INDArray x : a) {
            b.append(b.length() == 0 ? "" : ", ").append(Arrays.toString(x.shape()));
        }
        return b.toString();
    }
}
