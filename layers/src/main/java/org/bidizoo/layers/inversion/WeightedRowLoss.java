package org.bidizoo.layers.inversion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the inversion family's unsupervised losses on class probabilities ({@link LossEntropy},
 * {@link LossClassBalance}): a weight (JSON property {@code weight}) and a per-example label mask
 * ({@code [b, 1]}) that the loss applies itself, since DL4J leaves that to custom losses.
 */
public abstract class WeightedRowLoss extends PerExampleLoss {
    private static final long serialVersionUID = 1L;

    private double weight = 1.0;

    /** Weight 1; also for JSON deserialization. */
    protected WeightedRowLoss() {
    }

    /** @param weight factor on the loss, finite and {@code >= 0} */
    protected WeightedRowLoss(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight = " + weight + ", expected a finite number >= 0");
        }
        this.weight = weight;
    }

    /**
     * @param mask      the label mask, or null
     * @param preOutput {@code [b, C]}
     * @return the mask as {@code [b, 1]} in preOutput's data type, or null without a mask
     * @throws IllegalArgumentException if the mask does not hold one value per example
     */
    protected INDArray rowMask(INDArray mask, INDArray preOutput) {
        if (mask == null) {
            return null;
        }
        long rows = preOutput.size(0);
        if (mask.length() != rows) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": label mask of shape "
                    + java.util.Arrays.toString(mask.shape()) + ", expected one value per example [" + rows + ", 1]");
        }
        return mask.reshape(rows, 1).castTo(preOutput.dataType());
    }

    @Override
    public String name() {
        return getClass().getSimpleName() + "(" + weight + ")";
    }

    /** @return the weight */
    public double getWeight() {
        return weight;
    }

    /** @param weight the weight (JSON) */
    public void setWeight(double weight) {
        this.weight = weight;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((WeightedRowLoss) o).weight == weight;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + Double.hashCode(weight);
    }
}
