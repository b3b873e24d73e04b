package org.bidizoo.layers.runtime;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The regularization term of a layer's score (L1, L2, weight decay of each parameter), as DL4J's {@code BaseLayer}
 * computes it. DL4J 1.0.0-M2.1 applies a custom layer's regularization to its gradients (the updater reads
 * {@link Layer#getRegularizationByParam}) but {@code AbstractLayer.calcRegularizationScore} and the SameDiff
 * layer's runtime return 0, so the reported score of a regularized custom layer missed the penalty; our runtimes
 * add it with this.
 */
public final class RegularizationScore {
    private RegularizationScore() {
    }

    /**
     * @param conf      the layer's configuration (its regularization by parameter)
     * @param params    the layer's parameters by key
     * @param iteration the iteration count (for scheduled coefficients)
     * @param epoch     the epoch count
     * @return Σ over parameters and their regularizations of {@link Regularization#score}
     */
    public static double of(Layer conf, Map<String, INDArray> params, int iteration, int epoch) {
        if (params == null) {
            return 0;
        }
        double sum = 0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            List<Regularization> rs = conf.getRegularizationByParam(e.getKey());
            if (rs == null) {
                continue;
            }
            for (Regularization r : rs) {
                sum += r.score(e.getValue(), iteration, epoch);
            }
        }
        return sum;
    }
}
