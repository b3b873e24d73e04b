package org.bidizoo.cli.experiment;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.lmser.LmserLayerImpl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generation by manipulating the top code (seed 000, Figs 4–5): decode codes built from the test
 * set's class means with one style unit swept, or a test image's code with one unit swept.
 */
public final class Generation {
    private Generation() {
    }

    /**
     * @param graph a graph whose layer {@code lmser} is a dense Lmser layer
     * @return that layer
     */
    public static LmserLayerImpl lmserLayer(ComputationGraph graph) {
        Layer l = graph.getLayer("lmser");
        if (!(l instanceof LmserLayerImpl)) {
            throw new IllegalArgumentException("generation needs a dense Lmser layer named 'lmser'; got "
                    + (l == null ? "none" : l.getClass().getSimpleName()));
        }
        return (LmserLayerImpl) l;
    }

    /**
     * @param graph a dense Lmser graph
     * @param data  images to encode
     * @return their top codes {@code [n, codeSize]}
     */
    public static INDArray codes(ComputationGraph graph, LabeledImages data) {
        int n = data.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return lmserLayer(graph).encode(data.features(idx, FeatureLayout.FLAT)).castTo(DataType.DOUBLE);
    }

    /**
     * One row per class: the class's mean code with style unit {@code unit} swept over
     * {@code mean ± range·std} in {@code values} steps.
     *
     * @param graph       a dense Lmser(sup) graph with style units
     * @param data        labeled test images
     * @param unit        index of the swept unit in the top code
     * @param values      steps per row
     * @param range       half-width of the sweep in standard deviations of that unit
     * @param reflections decoding passes
     * @return one {@code [values, C*H*W]} array per class
     */
    public static List<INDArray> classBySweep(ComputationGraph graph, LabeledImages data, int unit, int values,
                                              double range, int reflections) {
        INDArray code = codes(graph, data);
        INDArray col = code.getColumn(unit);
        double mean = col.meanNumber().doubleValue();
        double std = col.stdNumber().doubleValue();
        List<INDArray> rows = new ArrayList<>();
        for (int c = 0; c < data.numClasses(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.label(i) == c) {
                    members.add(i);
                }
            }
            INDArray classMean = code.getRows(members.stream().mapToInt(Integer::intValue).toArray()).mean(true, 0);
            INDArray batch = Nd4j.repeat(classMean, values).reshape(values, code.size(1)).dup();
            for (int v = 0; v < values; v++) {
                double t = values == 1 ? 0 : -range + 2 * range * v / (values - 1);
                batch.putScalar(v, unit, mean + t * std);
            }
            rows.add(lmserLayer(graph).decode(batch, reflections));
        }
        return rows;
    }

    /**
     * One row per top-code unit: the code of one image with that unit swept from its minimum to its
     * maximum over the data.
     *
     * @param graph       a dense Lmser graph
     * @param data        images
     * @param image       which image's code to start from
     * @param values      steps per row
     * @param reflections decoding passes
     * @return one {@code [values, C*H*W]} array per unit
     */
    public static List<INDArray> unitSweeps(ComputationGraph graph, LabeledImages data, int image, int values,
                                            int reflections) {
        INDArray code = codes(graph, data);
        INDArray base = code.getRow(image, true);
        List<INDArray> rows = new ArrayList<>();
        for (int u = 0; u < code.size(1); u++) {
            double lo = code.getColumn(u).minNumber().doubleValue();
            double hi = code.getColumn(u).maxNumber().doubleValue();
            INDArray batch = Nd4j.repeat(base, values).reshape(values, code.size(1)).dup();
            for (int v = 0; v < values; v++) {
                batch.putScalar(v, u, lo + (hi - lo) * v / Math.max(1, values - 1));
            }
            rows.add(lmserLayer(graph).decode(batch, reflections));
        }
        return rows;
    }
}
