package org.bidizoo.zoo.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * Test-set quality of a model.
 *
 * @param examples  test examples used
 * @param reconMse  mean squared reconstruction error per pixel, or NaN if the model does not reconstruct
 * @param accuracy  classification accuracy in [0, 1], or NaN if the model does not classify
 * @param confusion {@code [classes][classes]} counts, row = true class, column = predicted class; null if the
 *                  model does not classify or it was not counted
 */
public record Evaluation(int examples, double reconMse, double accuracy, long[][] confusion) {
    /**
     * @param examples test examples used
     * @param reconMse mean squared error per pixel, or NaN
     * @param accuracy accuracy in [0, 1], or NaN
     */
    public Evaluation(int examples, double reconMse, double accuracy) {
        this(examples, reconMse, accuracy, null);
    }

    /** Equal when every component is, the confusion matrix compared by its counts. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && examples == e.examples
                && Double.compare(reconMse, e.reconMse) == 0 && Double.compare(accuracy, e.accuracy) == 0
                && Arrays.deepEquals(confusion, e.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(examples, reconMse, accuracy) + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "Evaluation[examples=" + examples + ", reconMse=" + reconMse + ", accuracy=" + accuracy
                + ", confusion=" + Arrays.deepToString(confusion) + "]";
    }
}
