package org.bidizoo.zoo.train;

import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Measures reconstruction error per pixel and accuracy of a zoo model on a test iterator. */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * @param spec  the zoo model (which outputs exist)
     * @param graph its trained graph
     * @param test  test data in the model's layout; reset before use
     * @return mean squared error per pixel over all test pixels, accuracy and the confusion matrix
     */
    public static Evaluation evaluate(BidizooModel spec, ComputationGraph graph, ImageDataSetIterator test) {
        test.reset();
        double se = 0;
        long pixels = 0;
        long[][] confusion = null;
        int n = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            INDArray x = ds.getFeatures();
            INDArray[] out = spec.outputs(graph, x);
            int b = (int) x.size(0);
            if (spec.reconstructs()) {
                INDArray recon = out[spec.reconstructionOutput()].castTo(DataType.DOUBLE).reshape(b, x.length() / b);
                INDArray diff = recon.subi(x.castTo(DataType.DOUBLE).reshape(b, x.length() / b));
                se += diff.muli(diff).sumNumber().doubleValue();
                pixels += x.length();
            }
            if (spec.classifies()) {
                INDArray scores = out[spec.labelOutput()];
                int classes = (int) scores.size(1);
                if (confusion == null) {
                    confusion = new long[classes][classes];
                }
                long[] pred = scores.argMax(1).toLongVector();
                long[] truth = ds.getLabels().argMax(1).toLongVector();
                for (int i = 0; i < b; i++) {
                    confusion[(int) truth[i]][(int) pred[i]]++;
                }
            }
            n += b;
        }
        long correct = 0;
        for (int c = 0; confusion != null && c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return new Evaluation(n, spec.reconstructs() ? se / pixels : Double.NaN,
                spec.classifies() ? (double) correct / n : Double.NaN, confusion);
    }
}
