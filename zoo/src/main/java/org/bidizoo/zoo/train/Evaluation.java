package org.bidizoo.zoo.train;

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
}
