package org.bidizoo.ui.server;

import java.util.List;
import java.util.Random;

import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserOutput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A plain DL4J autoencoder with a classifier head on 4x4 images of three classes: not a bidizoo model. */
public final class TinyGraphs {
    /** Pixels per image. */
    public static final int PIXELS = 16;

    private TinyGraphs() {
    }

    /** @return input (16) -> hidden (8) -> code (4) -> reconstruction (16, MSE) and label (3, softmax) */
    public static ComputationGraph autoencoder() {
        var conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).graphBuilder()
                .addInputs("input")
                .addLayer("hidden", new DenseLayer.Builder().nIn(PIXELS).nOut(8).activation(Activation.TANH).build(),
                        "input")
                .addLayer("code", new DenseLayer.Builder().nIn(8).nOut(4).activation(Activation.TANH).build(), "hidden")
                .addLayer("reconstruction", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(PIXELS)
                        .activation(Activation.SIGMOID).build(), "code")
                .addLayer("label", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "code")
                .setOutputs("reconstruction", "label").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** @return input (16) -> hidden (8) -> label (3, softmax): a classifier without a reconstruction */
    public static ComputationGraph classifier() {
        var conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).graphBuilder()
                .addInputs("input")
                .addLayer("hidden", new DenseLayer.Builder().nIn(PIXELS).nOut(8).activation(Activation.TANH).build(),
                        "input")
                .addLayer("label", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("label").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * @param inputs input size
     * @param levels Lmser's dense levels
     * @return input -> one sigmoid Lmser stack outputting its reconstruction -> MSE
     */
    public static ComputationGraph lmser(int inputs, int... levels) {
        var conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(2e-3)).graphBuilder()
                .addInputs("input").setInputTypes(InputType.feedForward(inputs))
                .addLayer("lmser", LmserLayer.builder().denseLevels(levels).activation(Activation.SIGMOID)
                        .output(LmserOutput.RECONSTRUCTION).build(), "input")
                .addLayer("reconstruction", new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "lmser")
                .setOutputs("reconstruction").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * @param n    examples
     * @param seed noise seed
     * @return features {@code [n, 16]} (class c lights row c of the 4x4 image) and one-hot labels {@code [n, 3]}
     */
    public static INDArray[] data(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][PIXELS];
        float[][] y = new float[n][3];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i][c] = 1;
            for (int p = 0; p < PIXELS; p++) {
                x[i][p] = (float) Math.min(1, Math.max(0, (p / 4 == c ? 0.9 : 0.1) + 0.1 * r.nextGaussian()));
            }
        }
        return new INDArray[] {Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.createFromArray(y)};
    }

    /**
     * @param graph      trained in place
     * @param data       features and labels from {@link #data}
     * @param iterations full-batch steps
     */
    public static void fit(ComputationGraph graph, INDArray[] data, int iterations) {
        for (int i = 0; i < iterations; i++) {
            graph.fit(new MultiDataSet(new INDArray[] {data[0]}, new INDArray[] {data[0], data[1]}));
        }
    }

    /**
     * @param data features and labels from {@link #data}
     * @return a sample: 8 gallery images, their lower half occluded, and the whole set for t-SNE
     */
    public static DashboardSample sample(INDArray[] data) {
        INDArray gallery = data[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8)).dup();
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 8, PIXELS);
        mask.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 16))
                .assign(1);
        INDArray occluded = gallery.mul(mask.rsub(1));
        return new DashboardSample(gallery, occluded, mask, 1, 4, 4, data[0], data[1],
                List.of("top", "middle", "bottom"));
    }
}
