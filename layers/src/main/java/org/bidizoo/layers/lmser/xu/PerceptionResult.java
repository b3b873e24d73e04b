package org.bidizoo.layers.lmser.xu;

import java.util.List;

import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a perception phase ended with.
 *
 * @param activities {@code z_0 = x, z_1 … z_L}, each {@code [b, n_k]}, at the last iteration
 * @param iterations iterations taken (reflections after the initial bottom-up pass)
 * @param converged  whether the largest change fell below the tolerance before the cap
 * @param energy     mean J_net over the minibatch: index 0 after the initial bottom-up pass, index i
 *                   after iteration i (empty if not recorded)
 * @param change     largest {@code |Δz|} of each iteration
 */
public record PerceptionResult(List<INDArray> activities, int iterations, boolean converged, double[] energy,
                               double[] change) {

    /** @return the top activity z_L {@code [b, n_L]} */
    public INDArray code() {
        return activities.get(activities.size() - 1);
    }

    /**
     * @param stack the weights the phase ran on
     * @return the top-down signal into the input, {@code u_0 = z_1 W_0ᵀ + c_0}, {@code [b, n_0]}
     */
    public INDArray topDownInput(DenseStack stack) {
        return stack.down(0, activities.get(1));
    }

    /**
     * @param stack the weights the phase ran on
     * @return the reconstruction {@code x̂ = s_out(u_0)} {@code [b, n_0]}
     */
    public INDArray reconstruction(DenseStack stack) {
        return ActivationAdjoint.forward(stack.outputActivation(), topDownInput(stack)).dup();
    }
}
