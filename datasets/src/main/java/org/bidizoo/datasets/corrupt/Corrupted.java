package org.bidizoo.datasets.corrupt;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A corrupted minibatch and where it was corrupted.
 *
 * @param input the corrupted input, same shape as the clean one
 * @param mask  1 where a value was corrupted (or may have been, for additive noise), 0 elsewhere;
 *              same shape as the input
 */
public record Corrupted(INDArray input, INDArray mask) {

    /**
     * Mean squared error over the corrupted region only.
     *
     * @param reconstruction a model's output, same shape as the input (any layout with the same length)
     * @param truth          the clean input
     * @return sum(mask * (reconstruction - truth)^2) / sum(mask), or 0 if nothing was corrupted
     */
    public double maskedMse(INDArray reconstruction, INDArray truth) {
        if (reconstruction.length() != mask.length() || truth.length() != mask.length()) {
            throw new IllegalArgumentException("reconstruction has " + reconstruction.length() + " values and truth "
                    + truth.length() + ", expected " + mask.length() + " (the corrupted input's size)");
        }
        INDArray m = mask.reshape(mask.length()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray d = reconstruction.reshape(reconstruction.length()).castTo(m.dataType())
                .sub(truth.reshape(truth.length()).castTo(m.dataType()));
        double n = m.sumNumber().doubleValue();
        return n == 0 ? 0 : d.muli(d).muli(m).sumNumber().doubleValue() / n;
    }
}
