package org.bidizoo.zoo.train;

/**
 * Test-set quality of a model.
 *
 * @param examples  test examples used
 * @param reconMse  mean squared reconstruction error per pixel, or NaN if the model does not reconstruct
 * @param accuracy  classification accuracy in [0, 1], or NaN if the model does not classify
 */
public record Evaluation(int examples, double reconMse, double accuracy) {
}
