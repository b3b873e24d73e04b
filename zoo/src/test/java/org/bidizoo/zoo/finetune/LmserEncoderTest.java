package org.bidizoo.zoo.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.lmser.LmserLayerImpl;
import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserOutput;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.FeedForwardBaselines;
import org.bidizoo.zoo.model.LmserConv;
import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LmserEncoderTest {
    private static final ModelSettings S = ModelSettings.builder().seed(3).build();

    @Test
    void denseEncoderGivesTheTrainedLayersTopCode() throws Exception {
        ComputationGraph trained = LmserDense.paper(S, LmserVariant.UN).initPretrained(
                org.deeplearning4j.zoo.PretrainedType.MNIST);
        ComputationGraph enc = LmserEncoder.of(trained, LmserOutput.CODE);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 784);
        INDArray want = ((LmserLayerImpl) trained.getLayer("lmser")).encode(x);
        INDArray got = enc.outputSingle(x);
        assertArrayEquals(new long[] {5, 10}, got.shape());
        assertTrue(want.equalsWithEps(got, 1e-6), "encoder code differs from encode(x)");
        assertEquals(LmserOutput.RECONSTRUCTION,
                ((LmserLayer) trained.getLayer("lmser").conf().getLayer()).getOutput(), "trained graph was changed");
    }

    @Test
    void convEncoderGivesTheCodePartOfTheFullPass() {
        ComputationGraph trained = LmserConv.paper(S, LmserVariant.UN).init();
        ComputationGraph enc = LmserEncoder.of(trained, LmserOutput.CODE);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 28, 28);
        INDArray code = enc.outputSingle(x);
        assertArrayEquals(new long[] {1, 64, 2, 2}, code.shape());

        // the same parameters with output BOTH: the flattened code follows the 784 reconstruction pixels
        ComputationGraphConfiguration conf = trained.getConfiguration().clone();
        LmserLayer both = (LmserLayer) ((LayerVertex) conf.getVertices().get("lmser")).getLayerConf().getLayer();
        both.setOutput(LmserOutput.BOTH);
        ComputationGraph g = new ComputationGraph(conf);
        g.init(trained.params().dup(), false);
        INDArray full = g.feedForward(x, false).get("lmser");
        INDArray codePart = full.get(NDArrayIndex.all(), NDArrayIndex.interval(784, 784 + 256));
        assertTrue(codePart.equalsWithEps(code.reshape(1, 256), 1e-5), "conv encoder code differs from the full pass");
        assertFalse(code.equalsWithEps(LmserEncoder.of(LmserConv.paper(ModelSettings.builder().seed(4).build(),
                LmserVariant.UN).init(), LmserOutput.CODE).outputSingle(x), 1e-3), "parameters were not copied");
        // HIDDEN: 16x14x14 + 32x7x7 + 64x4x4 + 64x2x2 activities, the code last
        INDArray hidden = LmserEncoder.of(trained).outputSingle(x);
        assertArrayEquals(new long[] {1, 3136 + 1568 + 1024 + 256}, hidden.shape());
        assertTrue(hidden.get(NDArrayIndex.all(), NDArrayIndex.interval(5984 - 256, 5984))
                .equalsWithEps(code.reshape(1, 256), 1e-5));
    }

    @Test
    void graphWithoutLmserIsRejectedListingItsVertices() {
        BidizooModel fcn = FeedForwardBaselines.fcn(S);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LmserEncoder.of(fcn.init()));
        assertTrue(e.getMessage().contains("expected exactly one LmserLayer vertex, found 0"), e.getMessage());
        assertTrue(e.getMessage().contains("dense0"), e.getMessage());
    }
}
