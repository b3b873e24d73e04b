package org.bidizoo.layers.associated;

import static org.bidizoo.layers.associated.AssociatedNames.FEATURES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable Associated Learning model: the training {@link ComputationGraph} built by
 * {@link AssociatedLearning} and its prediction path (Eq. 2.8) as a second graph of features only,
 * {@code [b, ...] → [b, numClasses]}, whose layers use the training graph's parameter arrays
 * themselves (no copy: training moves the predictions). The prediction graph's own
 * {@code params()} vector is not used; save and load the training graph.
 *
 * <p>Effective parameters (thesis §2.6): those of f_1…f_N, b_N and h_1…h_N, the prediction path.
 * Affiliated: g_1…g_N and b_1…b_{N−1}, which only help train them.
 */
public final class AssociatedNetwork {
    private final ComputationGraph training;
    private final ComputationGraph prediction;
    private final int blocks;
    private final long[] lossWidths;

    private AssociatedNetwork(ComputationGraph training, ComputationGraph prediction, int blocks, long[] lossWidths) {
        this.training = training;
        this.prediction = prediction;
        this.blocks = blocks;
        this.lossWidths = lossWidths;
    }

    /**
     * Wraps an initialised training graph (from {@link AssociatedLearning#trainingConf()}, possibly
     * restored with {@code ModelSerializer}) and derives its prediction path.
     *
     * @param training the training graph
     * @return the model
     * @throws IllegalArgumentException if the graph lacks the Associated Learning vertex names
     */
    public static AssociatedNetwork of(ComputationGraph training) {
        ComputationGraphConfiguration conf = training.getConfiguration();
        Map<String, GraphVertex> vertices = conf.getVertices();
        int n = 0;
        while (vertices.containsKey(AssociatedNames.t(n + 1))) {
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("training graph: no vertex 'g1', expected a graph built by"
                    + " AssociatedLearning (vertices " + vertices.keySet() + ")");
        }
        for (int i = 1; i <= n; i++) {
            for (String v : new String[] {AssociatedNames.s(i), AssociatedNames.bridge(i), AssociatedNames.inverse(i),
                    AssociatedNames.forwardLoss(i), AssociatedNames.inverseLoss(i)}) {
                if (!vertices.containsKey(v)) {
                    throw new IllegalArgumentException("training graph: no vertex '" + v + "' for block " + i);
                }
            }
        }
        ComputationGraph prediction = new ComputationGraph(predictionConf(conf, n));
        prediction.init();
        for (Layer l : prediction.getLayers()) {
            if (l.numParams() > 0) {
                l.setParamTable(training.getLayer(l.conf().getLayer().getLayerName()).paramTable());
            }
        }
        long[] widths = new long[2 * n];
        for (int i = 1; i <= n; i++) {
            widths[2 * i - 2] = nOut(training, AssociatedNames.bridge(i));
            widths[2 * i - 1] = nOut(training, AssociatedNames.inverse(i));
        }
        return new AssociatedNetwork(training, prediction, n, widths);
    }

    private static long nOut(ComputationGraph g, String layer) {
        return ((FeedForwardLayer) g.getLayer(layer).conf().getLayer()).getNOut();
    }

    /**
     * Prediction path: f_1…f_N, b_N, h_N…h_1 with the training graph's vertex configurations. Every
     * vertex of f_i (named {@code f<i>} or {@code f<i>_…}) and of b_N is copied with its inputs, the
     * stop-gradient copy sg(s_{i−1}) read as s_{i−1} itself; h_N reads b_N, h_i reads h_{i+1}.
     */
    private static ComputationGraphConfiguration predictionConf(ComputationGraphConfiguration conf, int n) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(conf.getDataType()).graphBuilder().addInputs(FEATURES);
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            String name = e.getKey();
            int block = AssociatedNames.blockOf(name);
            boolean f = name.charAt(0) == 'f' && block >= 1;
            boolean b = name.charAt(0) == 'b' && block == n;
            if (!f && !b) {
                continue;
            }
            List<String> in = new ArrayList<>();
            for (String i : conf.getVertexInputs().get(name)) {
                in.add(i.startsWith("sg_s") ? AssociatedNames.s(Integer.parseInt(i.substring(4))) : i);
            }
            g.addVertex(name, e.getValue().clone(), in.toArray(new String[0]));
        }
        String prev = AssociatedNames.bridge(n);
        for (int i = n; i >= 1; i--) {
            g.addVertex(AssociatedNames.inverse(i), vertices.get(AssociatedNames.inverse(i)).clone(), prev);
            prev = AssociatedNames.inverse(i);
        }
        return g.setOutputs(AssociatedNames.inverse(1)).build();
    }

    /** @return the training graph (inputs features and labels, outputs the local losses) */
    public ComputationGraph training() {
        return training;
    }

    /** @return the prediction graph of Eq. 2.8 (input features, output {@code h1}), sharing parameters */
    public ComputationGraph prediction() {
        return prediction;
    }

    /** @return N, the number of blocks */
    public int numBlocks() {
        return blocks;
    }

    /**
     * @param x features {@code [b, ...]} as the training graph takes them
     * @return class scores h_1(…) {@code [b, numClasses]} (sigmoid, not normalised; take the argmax)
     */
    public INDArray output(INDArray x) {
        return prediction.outputSingle(false, x);
    }

    /** @return the number of effective parameters (f_i, b_N, h_i) */
    public long effectiveParameterCount() {
        return prediction.numParams();
    }

    /** @return the number of affiliated parameters (g_i, b_1…b_{N−1}) */
    public long affiliatedParameterCount() {
        return training.numParams() - effectiveParameterCount();
    }

    /**
     * @param x features {@code [b, ...]}
     * @param y one-hot labels {@code [b, numClasses]}
     * @return inputs {@code [x, y]}, labels zeros {@code [b, width]} for each local loss (the losses take the
     *         difference vertices' distance to zero)
     */
    public MultiDataSet trainingBatch(INDArray x, INDArray y) {
        return trainingBatch(x, y, lossWidths);
    }

    static MultiDataSet trainingBatch(INDArray x, INDArray y, long[] widths) {
        long b = x.size(0);
        INDArray[] zeros = new INDArray[widths.length];
        for (int k = 0; k < widths.length; k++) {
            zeros[k] = Nd4j.zeros(x.dataType(), b, widths[k]);
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x, y}, zeros);
    }

    /** @param ds one minibatch: features and one-hot labels */
    public void fit(DataSet ds) {
        training.fit(trainingBatch(ds.getFeatures(), ds.getLabels()));
    }

    /** @param it one epoch of minibatches of features and one-hot labels (reset first if possible) */
    public void fit(DataSetIterator it) {
        if (it.resetSupported()) {
            it.reset();
        }
        while (it.hasNext()) {
            fit(it.next());
        }
    }

    /**
     * @param x features {@code [b, ...]}
     * @param y one-hot labels {@code [b, numClasses]}
     * @return the training score: the sum of the (weighted) local losses, averaged over the minibatch
     */
    public double score(INDArray x, INDArray y) {
        double s = training.score(trainingBatch(x, y), false);
        training.clearLayerMaskArrays();
        return s;
    }
}
