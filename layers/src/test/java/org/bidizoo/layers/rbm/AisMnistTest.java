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
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * On real MNIST (binarized at 0.5; 2,000 training and 1,000 test images): a 784-16 RBM trained by 600 CD-1 updates
 * through DL4J's {@code pretrainLayer}; the mean test log-probability computed with the AIS estimate of log Z equals
 * the one computed with the exact log Z (enumeration of the 2^16 hidden states), and the exact log Z lies in AIS's
 * error bar, while plain importance sampling from the base model (K = 1) misses it.
 */
@Tag("data")
class AisMnistTest {

    private static INDArray binarized(Split split, int n) throws IOException {
        LabeledImages images = ImageDatasets.load("mnist", split).first(n);
        int[] all = new int[images.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return images.features(all, FeatureLayout.FLAT).gt(0.5).castTo(DataType.FLOAT);
    }

    @Test
    void aisTestLogProbabilityOfACdTrained784x16RbmEqualsTheExactOne() throws IOException {
        INDArray train = binarized(Split.TRAIN, 2000);
        INDArray test = binarized(Split.TEST, 1000);
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(42)
                .weightInit(new NormalDistribution(0, 0.01)).graphBuilder().addInputs("in")
                .addLayer("rbm", RbmLayer.builder().nOut(16).k(1).updater(new Nesterovs(0.1, 0.5)).build(), "in")
                .setOutputs("rbm").setInputTypes(InputType.feedForward(784)).build());
        g.init();
        List<DataSet> batches = new ArrayList<>();
        for (int epoch = 0; epoch < 6; epoch++) {
            for (int s = 0; s < 2000; s += 20) {
                batches.add(new DataSet(train.get(NDArrayIndex.interval(s, s + 20), NDArrayIndex.all()),
                        Nd4j.zeros(DataType.FLOAT, 20, 1)));
            }
        }
        g.pretrainLayer("rbm", new ListDataSetIterator<>(batches, 20));
        Rbm rbm = ((RbmLayerImpl) g.getLayer("rbm")).rbm();

        double exactLogZ = RbmLikelihood.logPartition(rbm);
        double exact = RbmLikelihood.meanLogLikelihood(rbm, test, exactLogZ);
        AnnealedImportanceSampling.Estimate e = AnnealedImportanceSampling.builder().runs(100).intermediate(2000)
                .seed(5).build().estimate(rbm, AnnealedImportanceSampling.baseRateBias(train, 0.05));
        double ais = RbmLikelihood.meanLogLikelihood(rbm, test, e.logZ());
        String msg = String.format("exact test log p %.4f (log Z %.4f), AIS %.4f (log Z %.4f in [%.4f, %.4f], base %.2f)",
                exact, exactLogZ, ais, e.logZ(), e.logZLower(), e.logZUpper(), e.logZBase());
        System.err.println(msg);
        assertTrue(exact > -450, "600 CD-1 updates should have moved the RBM far from its initial -543 nats: " + msg);
        AnnealedImportanceSampling.Estimate plain = AnnealedImportanceSampling.builder().runs(100).intermediate(1)
                .seed(5).build().estimate(rbm, AnnealedImportanceSampling.baseRateBias(train, 0.05));
        assertTrue(Math.abs(plain.logZ() - exactLogZ) > 1, "without annealing (K = 1) the estimate should be poor: "
                + plain.logZ() + "; " + msg);
        assertTrue(Math.abs(ais - exact) < 0.3, msg);
        assertTrue(e.logZLower() - 0.05 <= exactLogZ && exactLogZ <= e.logZUpper() + 0.05, msg);
    }
}
