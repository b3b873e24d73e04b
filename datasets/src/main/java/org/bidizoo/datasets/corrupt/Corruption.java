package org.bidizoo.datasets.corrupt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A corruption of input images for recall and denoising experiments. The clean input is never
 * changed.
 */
public interface Corruption {

    /**
     * @param clean a minibatch, {@code [b, C*H*W]} or {@code [b, C, H, W]}, values in [0, 1]
     * @param seed  seed for any randomness (the same seed gives the same corruption)
     * @return the corrupted copy and its mask
     */
    Corrupted apply(INDArray clean, long seed);

    /** Copies an array to a float buffer, checking it is a minibatch. */
    static float[] values(INDArray x, String who) {
        if (x == null || x.rank() < 2) {
            throw new IllegalArgumentException(who + ": input must be a minibatch [b, ...], got "
                    + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
        }
        return x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Wraps a float buffer in the shape of a reference array. */
    static INDArray like(float[] v, INDArray ref) {
        return Nd4j.create(v, ref.shape(), DataType.FLOAT);
    }
}
