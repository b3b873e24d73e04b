package org.bidizoo.layers.rbm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.Split;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * On real MNIST (binarized at 0.5; 2,000 training and 500 test images), CD-1 and PCD-1 through DL4J's
 * {@code pretrainLayer} raise the exact test log-likelihood of a 784-16 RBM (log Z by enumerating all 2^16 hidden
 * states), raise the pseudo-log-likelihood and lower the reconstruction error.
 */
@Tag("data")
class RbmMnistTest {

    private static INDArray binarized(Split split, int n) throws IOException {
        LabeledImages images = ImageDatasets.load("mnist", split).first(n);
        int[] all = new int[images.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return images.features(all, FeatureLayout.FLAT).gt(0.5).castTo(DataType.FLOAT);
    }

    @Test
    void contrastiveDivergenceRaisesTheExactLogLikelihoodOfA784x16Rbm() throws IOException {
        INDArray train = binarized(Split.TRAIN, 2000);
        INDArray test = binarized(Split.TEST, 500);
        for (boolean persistent : new boolean[] {false, true}) {
            ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(42)
                    .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                    .addLayer("rbm", RbmLayer.builder().nOut(16).k(1).persistent(persistent)
                            .updater(new Nesterovs(0.05, 0.5)).build(), "in")
                    .setOutputs("rbm").setInputTypes(InputType.feedForward(784)).build());
            g.init();
            Rbm rbm = ((RbmLayerImpl) g.getLayer("rbm")).rbm();
            double llBefore = RbmLikelihood.meanLogLikelihood(rbm, test);
            double pllBefore = RbmLikelihood.meanPseudoLogLikelihood(rbm, test.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100), org.nd4j.linalg.indexing.NDArrayIndex.all()));
            double reconBefore = ContrastiveDivergence.estimate(rbm, test, 1, null).reconstructionError();
            List<DataSet> batches = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int s = 0; s < 2000; s += 20) {
                    INDArray x = train.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s, s + 20),
                            org.nd4j.linalg.indexing.NDArrayIndex.all());
                    batches.add(new DataSet(x, Nd4j.zeros(DataType.FLOAT, 20, 1)));
                }
            }
            g.pretrainLayer("rbm", new ListDataSetIterator<>(batches, 20));
            double llAfter = RbmLikelihood.meanLogLikelihood(rbm, test);
            double pllAfter = RbmLikelihood.meanPseudoLogLikelihood(rbm, test.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100), org.nd4j.linalg.indexing.NDArrayIndex.all()));
            double reconAfter = ContrastiveDivergence.estimate(rbm, test, 1, null).reconstructionError();
            String msg = (persistent ? "PCD-1" : "CD-1") + ": exact LL " + llBefore + " -> " + llAfter + ", PLL "
                    + pllBefore + " -> " + pllAfter + ", recon " + reconBefore + " -> " + reconAfter;
            System.err.println(msg);
            assertTrue(llAfter > llBefore + 100, msg);
            assertTrue(pllAfter > pllBefore + 100, msg);
            assertTrue(reconAfter < 0.8 * reconBefore, msg);
        }
    }
}
