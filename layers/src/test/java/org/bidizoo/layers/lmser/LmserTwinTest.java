package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * With tying and pairing off, the Lmser layer is a plain autoencoder: it must equal a stack of
 * DL4J DenseLayers in outputs, gradients, and parameters after SGD steps. Its convolutional
 * bottom-up pass must equal DL4J's ConvolutionLayer.
 */
class LmserTwinTest {
    private static final int[] SIZES = {6, 5, 4, 3};

    private static ComputationGraph denseTwin() {
        var b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).updater(new Sgd(0.5))
                .graphBuilder().addInputs("in");
        String prev = "in";
        for (int k = 0; k < 3; k++) {
            b.addLayer("e" + k, new DenseLayer.Builder().nIn(SIZES[k]).nOut(SIZES[k + 1]).activation(Activation.TANH)
                    .build(), prev);
            prev = "e" + k;
        }
        for (int k = 2; k >= 0; k--) {
            b.addLayer("d" + k, new DenseLayer.Builder().nIn(SIZES[k + 1]).nOut(SIZES[k])
                    .activation(k == 0 ? Activation.SIGMOID : Activation.TANH).build(), prev);
            prev = "d" + k;
        }
        b.addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(),
                prev).setOutputs("loss");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    private static void copyIntoTwin(Layer lmser, ComputationGraph twin) {
        for (int k = 0; k < 3; k++) {
            twin.getLayer("e" + k).setParam("W", lmser.getParam(LmserParams.weight(k)).dup());
            twin.getLayer("e" + k).setParam("b", lmser.getParam(LmserParams.bias(k)).dup());
            twin.getLayer("d" + k).setParam("W", lmser.getParam(LmserParams.decoderWeight(k)).transpose().dup());
            twin.getLayer("d" + k).setParam("b", lmser.getParam(LmserParams.topDownBias(k)).dup());
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-10, what);
    }

    @Test
    void untiedUnpairedLmserEqualsDenseLayerAutoencoder() {
        LmserLayer ae = LmserLayer.builder().denseLevels(5, 4, 3).tiedWeights(false).pairedNeurons(false)
                .activation(Activation.TANH).outputActivation(Activation.SIGMOID).build();
        ComputationGraph ours = LmserNets.withMse(ae, InputType.feedForward(6), new Sgd(0.5), DataType.DOUBLE);
        ours.params().assign(Nd4j.rand(DataType.DOUBLE, ours.params().shape()).subi(0.5));
        ComputationGraph twin = denseTwin();
        copyIntoTwin(ours.getLayer("lmser"), twin);

        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6);
        assertClose(twin.outputSingle(x), ours.outputSingle(x), "outputs");

        ours.setInputs(x);
        ours.setLabels(x);
        ours.computeGradientAndScore();
        twin.setInputs(x);
        twin.setLabels(x);
        twin.computeGradientAndScore();
        assertEquals(twin.score(), ours.score(), 1e-12);
        for (int k = 0; k < 3; k++) {
            assertClose(twin.gradient().getGradientFor("e" + k + "_W"),
                    ours.gradient().getGradientFor("lmser_" + LmserParams.weight(k)), "dW" + k);
            assertClose(twin.gradient().getGradientFor("d" + k + "_W"),
                    ours.gradient().getGradientFor("lmser_" + LmserParams.decoderWeight(k)).transpose(), "dV" + k);
            assertClose(twin.gradient().getGradientFor("d" + k + "_b"),
                    ours.gradient().getGradientFor("lmser_" + LmserParams.topDownBias(k)), "dc" + k);
        }

        DataSet ds = new DataSet(x, x);
        for (int i = 0; i < 3; i++) {
            ours.fit(ds);
            twin.fit(ds);
        }
        Layer l = ours.getLayer("lmser");
        for (int k = 0; k < 3; k++) {
            assertClose(twin.getLayer("e" + k).getParam("W"), l.getParam(LmserParams.weight(k)), "W" + k + " after SGD");
            assertClose(twin.getLayer("d" + k).getParam("W"), l.getParam(LmserParams.decoderWeight(k)).transpose(),
                    "V" + k + " after SGD");
        }
        assertClose(twin.outputSingle(x), ours.outputSingle(x), "outputs after SGD");
    }

    @Test
    void convBottomUpEqualsConvolutionLayer() {
        LmserLayer lmser = LmserLayer.builder().convLevels(3, 2, 1, 2, 3).activation(Activation.TANH)
                .output(LmserOutput.CODE).build();
        ComputationGraph ours = LmserNets.withMse(lmser, InputType.convolutional(7, 7, 1), new Sgd(0.1), DataType.DOUBLE);
        ours.params().assign(Nd4j.rand(DataType.DOUBLE, ours.params().shape()).subi(0.5));
        ComputationGraph twin = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).graphBuilder().addInputs("in")
                .addLayer("c0", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(2)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(3)
                        .activation(Activation.TANH).build(), "c0")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "c1")
                .setOutputs("loss").setInputTypes(InputType.convolutional(7, 7, 1)).build());
        twin.init();
        Layer l = ours.getLayer("lmser");
        for (int k = 0; k < 2; k++) {
            // ours [kH, kW, inC, outC]; DL4J's ConvolutionLayer [outC, inC, kH, kW]
            twin.getLayer("c" + k).setParam("W", l.getParam(LmserParams.weight(k)).permute(3, 2, 0, 1).dup());
            twin.getLayer("c" + k).setParam("b", l.getParam(LmserParams.bias(k)).dup());
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 7, 7);
        assertClose(twin.outputSingle(x), ours.outputSingle(x), "code = stacked ConvolutionLayers");
        INDArray y = Nd4j.rand(DataType.DOUBLE, 3, 12);
        ours.setInputs(x);
        ours.setLabels(y);
        ours.computeGradientAndScore();
        twin.setInputs(x);
        twin.setLabels(y);
        twin.computeGradientAndScore();
        for (int k = 0; k < 2; k++) {
            assertClose(twin.gradient().getGradientFor("c" + k + "_W"),
                    ours.gradient().getGradientFor("lmser_" + LmserParams.weight(k)).permute(3, 2, 0, 1), "dW" + k);
        }
    }
}
