package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A bad minibatch is named before it reaches DL4J: shape, data type, NaN rows, labels, masks. */
class TrainingBatchCheckTest {
    private static final BidizooModel DENSE = LmserDense.paper(ModelSettings.builder().build(), LmserVariant.SUP);
    private static final BidizooModel CONV = LmserConv.paper(ModelSettings.builder().build(), LmserVariant.UN);

    private static String error(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private static INDArray labels(int b, int classes) {
        return Nd4j.zeros(DataType.FLOAT, b, classes);
    }

    @Test
    void badFeaturesAreNamed() {
        assertEquals("features: an empty minibatch [0, 784], expected [b, 784] with b >= 1",
                error(() -> DENSE.trainingBatch(Nd4j.create(DataType.FLOAT, 0, 784), labels(0, 10), null)));
        assertEquals("features: shape [2, 1, 28, 28], expected [2, 784] for lmser-dense",
                error(() -> DENSE.trainingBatch(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), labels(2, 10), null)));
        assertEquals("features: shape [2, 784], expected [2, 1, 28, 28] for lmser-conv",
                error(() -> CONV.trainingBatch(Nd4j.rand(DataType.FLOAT, 2, 784), labels(2, 10), null)));
        assertEquals("features: data type DOUBLE, but lmser-dense is FLOAT; cast with x.castTo(DataType.FLOAT)",
                error(() -> DENSE.trainingBatch(Nd4j.rand(DataType.DOUBLE, 2, 784), labels(2, 10), null)));
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784);
        x.putScalar(2, 17, Float.NaN);
        assertEquals("features: row 2 holds NaN or infinity", error(() -> DENSE.trainingBatch(x, labels(4, 10), null)));
        x.putScalar(2, 17, 0).putScalar(3, 0, Float.POSITIVE_INFINITY);
        assertEquals("features: row 3 holds NaN or infinity", error(() -> DENSE.trainingBatch(x, labels(4, 10), null)));
    }

    @Test
    void badLabelsAndMasksAreNamed() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784);
        assertEquals("labels: shape [4, 3], expected [4, 10] (one-hot, one row per example)",
                error(() -> DENSE.trainingBatch(x, labels(4, 3), null)));
        assertEquals("labelMask: shape [3, 1], expected [4, 1]",
                error(() -> DENSE.trainingBatch(x, labels(4, 10), Nd4j.ones(DataType.FLOAT, 3, 1))));
        assertEquals(2, DENSE.trainingBatch(x, labels(4, 10), null).getLabels().length, "a good batch passes");
    }
}
