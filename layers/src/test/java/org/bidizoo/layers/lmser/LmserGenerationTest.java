package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

/** Decoding from a top code, and the training-time noise on style units. */
class LmserGenerationTest {

    private static ComputationGraph both(LmserLayer.Builder b) {
        ComputationGraph g = LmserNets.withMse(b.output(LmserOutput.BOTH).build(), InputType.feedForward(12), new Sgd(0.1),
                DataType.DOUBLE);
        g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
        return g;
    }

    @Test
    void withoutPairedNeuronsDecodingTheCodeGivesTheReconstruction() {
        ComputationGraph g = both(LmserLayer.builder().denseLevels(8, 4).pairedNeurons(false)
                .activation(Activation.TANH));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 12);
        INDArray out = g.outputSingle(x);
        INDArray recon = out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 12));
        INDArray code = out.get(NDArrayIndex.all(), NDArrayIndex.interval(12, 16));
        INDArray decoded = ((LmserLayerImpl) g.getLayer("lmser")).decode(code, 1);
        assertEquals(0.0, decoded.sub(recon).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void reflectionsWithTheCodeClampedUseThePairedNeurons() {
        ComputationGraph g = both(LmserLayer.builder().denseLevels(8, 4).activation(Activation.TANH));
        LmserLayerImpl l = (LmserLayerImpl) g.getLayer("lmser");
        INDArray code = Nd4j.rand(DataType.DOUBLE, 3, 4);
        INDArray one = l.decode(code, 1);
        INDArray three = l.decode(code, 3);
        assertEquals(3, three.size(0));
        assertNotEquals(one, three);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.decode(Nd4j.rand(DataType.DOUBLE, 3, 5), 1));
        assertTrue(e.getMessage().contains("code of shape [3, 5], expected [batch, 4]"), e.getMessage());
    }

    @Test
    void codeNoiseActsInTrainingOnly() {
        LmserLayer.Builder b = LmserLayer.builder().denseLevels(8, 6).activation(Activation.TANH).codeNoise(1.0, 4);
        ComputationGraph noisy = both(b);
        ComputationGraph clean = both(LmserLayer.builder().denseLevels(8, 6).activation(Activation.TANH));
        clean.params().assign(noisy.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 12);
        assertEquals(clean.outputSingle(x), noisy.outputSingle(x), "no noise at test time");
        INDArray t1 = noisy.feedForward(new INDArray[] {x}, true).get("lmser");
        INDArray t2 = noisy.feedForward(new INDArray[] {x}, true).get("lmser");
        INDArray r1 = t1.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 12));
        INDArray r2 = t2.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 12));
        assertTrue(r1.sub(r2).amaxNumber().doubleValue() > 1e-3, "the reconstruction sees the noise in training");
        assertEquals(t1.get(NDArrayIndex.all(), NDArrayIndex.interval(12, 18)),
                t2.get(NDArrayIndex.all(), NDArrayIndex.interval(12, 18)), "the code output itself is the clean mean");
    }

    @Test
    void codeNoiseIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LmserLayer.builder().denseLevels(8, 6).codeNoise(1.0, 6).build());
        assertTrue(e.getMessage().contains("codeNoiseFrom = 6, expected a unit in [0, 6)"), e.getMessage());
        // a conv stack with a dense top runs on the hand-written runtime, which has the noise; SameDiff has not
        LmserNets.withMse(LmserLayer.builder().convLevels(3, 2, 1, 2).denseLevels(4).codeNoise(1.0, 2).build(),
                InputType.convolutional(6, 6, 1));
        RuntimeException r = assertThrows(RuntimeException.class, () -> LmserNets.withMse(LmserLayer.builder()
                .convLevels(3, 2, 1, 2).denseLevels(4).codeNoise(1.0, 2).runtime(PassRuntime.SAMEDIFF).build(),
                InputType.convolutional(6, 6, 1)));
        assertTrue(LmserLayerTest.causeMessage(r).contains("needs the hand-written runtime"),
                LmserLayerTest.causeMessage(r));
    }
}
