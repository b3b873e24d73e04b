package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * An empty minibatch, an input of the wrong data type and a NaN row are named by the layer, on the hand-written
 * dense runtime and on the SameDiff (convolutional) path, in {@code output} and in {@code fit}.
 */
class LmserInputChecksTest {
    private static ComputationGraph dense() {
        return LmserNets.withMse(LmserLayer.builder().denseLevels(5, 3).activation(Activation.SIGMOID)
                .outputActivation(Activation.SIGMOID).build(), InputType.feedForward(8), new Adam(1e-3),
                DataType.FLOAT);
    }

    private static ComputationGraph conv() {
        return LmserNets.withMse(LmserLayer.builder().convLevels(3, 2, 1, 2).activation(Activation.RELU)
                .outputActivation(Activation.SIGMOID).build(), InputType.convolutional(4, 4, 1), new Adam(1e-3),
                DataType.FLOAT);
    }

    private static String error(ComputationGraph g, INDArray x) {
        return assertThrows(IllegalArgumentException.class, () -> g.output(x)).getMessage();
    }

    @Test
    void denseRuntimeNamesBadInput() {
        ComputationGraph g = dense();
        assertEquals("LmserLayer lmser: an empty minibatch [0, 8]; expected at least one row",
                error(g, Nd4j.create(DataType.FLOAT, 0, 8)));
        assertEquals("LmserLayer lmser: input of data type DOUBLE, but the network is FLOAT; cast it with"
                + " input.castTo(DataType.FLOAT)", error(g, Nd4j.rand(DataType.DOUBLE, 2, 8)));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 8);
        x.putScalar(1, 4, Float.NaN);
        assertEquals("LmserLayer lmser: input row 1 holds NaN or infinity", error(g, x));
        INDArray before = g.params().dup();
        assertEquals("LmserLayer lmser: input row 1 holds NaN or infinity", assertThrows(
                IllegalArgumentException.class, () -> g.fit(new DataSet(x, x))).getMessage());
        assertEquals(before, g.params(), "fit on a NaN row leaves the parameters alone");
    }

    @Test
    void sameDiffPathNamesBadInput() {
        ComputationGraph g = conv();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4);
        x.putScalar(new long[] {1, 0, 2, 2}, Float.POSITIVE_INFINITY);
        assertEquals("LmserLayer lmser: input row 1 holds NaN or infinity", error(g, x));
        assertEquals("LmserLayer lmser: input of data type DOUBLE, but the network is FLOAT; cast it with"
                + " input.castTo(DataType.FLOAT)", error(g, Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4)));
    }
}
