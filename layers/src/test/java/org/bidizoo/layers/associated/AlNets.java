package org.bidizoo.layers.associated;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** Small AL networks for tests: dense 6 → 5 → 4 (3 classes) and conv 1×8×8 → 2×4×4 → dense 4. */
final class AlNets {
    static final int CLASSES = 3;

    private AlNets() {
    }

    static AssociatedLearning.Builder dense() {
        return AssociatedLearning.builder().inputType(InputType.feedForward(6)).numClasses(CLASSES)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).seed(7)
                .block(AssociatedBlock.dense(5, 4, 3))
                .block(AssociatedBlock.dense(4, 3, 5, 2));
    }

    static AssociatedLearning.Builder conv() {
        return AssociatedLearning.builder().inputType(InputType.convolutional(8, 8, 1)).numClasses(CLASSES)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).seed(7)
                .block(AssociatedBlock.builder().conv(2, 3).maxPool(2).targetWidth(4).bridge(3).build())
                .block(AssociatedBlock.builder().conv(3, 3).targetWidth(4).build())
                .block(AssociatedBlock.dense(4, 2));
    }

    /** 2×8×8 → residual unit (4 channels, projected) → residual unit (stride 2) + global average pooling. */
    static AssociatedLearning.Builder residual() {
        return AssociatedLearning.builder().inputType(InputType.convolutional(8, 8, 2)).numClasses(CLASSES)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).seed(7)
                .block(AssociatedBlock.builder().residual(4, 1, true).targetWidth(4).build())
                .block(AssociatedBlock.builder().residual(4, 1, false).residual(5, 2, false)
                        .layer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                                org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build())
                        .targetWidth(3).bridge(4).build());
    }

    static INDArray features(AssociatedLearning spec, int b, long seed) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape = spec.inputType().getShape(true);
        shape[0] = b;
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    static INDArray labels(int b) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, b, CLASSES);
        for (int r = 0; r < b; r++) {
            y.putScalar(r, r % CLASSES, 1);
        }
        return y;
    }
}
