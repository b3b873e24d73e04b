package org.bidizoo.layers.lmser.xu;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Update directions for every parameter of a {@link DenseStack}, shaped like the parameters
 * (descent directions: add {@code η ·} them to learn).
 *
 * @param weights    one per level, {@code [n_k, n_{k+1}]}
 * @param upBiases   one per level, {@code [1, n_{k+1}]}, or null when the stack has no biases
 * @param downBiases one per level, {@code [1, n_k]}, or null when the stack has no biases
 */
public record StackDirections(List<INDArray> weights, List<INDArray> upBiases, List<INDArray> downBiases) {

    /**
     * Adds {@code rate ·} these directions to the stack's parameters, in place.
     *
     * @param stack the stack to update
     * @param rate  the learning rate {@code 1/τ^w · dt}
     */
    public void applyTo(DenseStack stack, double rate) {
        for (int k = 0; k < stack.levels(); k++) {
            stack.weight(k).addi(weights.get(k).mul(rate));
            if (upBiases != null && stack.upBias(k) != null) {
                stack.upBias(k).addi(upBiases.get(k).reshape(stack.upBias(k).shape()).mul(rate));
                stack.downBias(k).addi(downBiases.get(k).reshape(stack.downBias(k).shape()).mul(rate));
            }
        }
    }
}
