package org.bidizoo.layers.lmser.xu;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A one-layer linear learning rule of seed 001 ({@code y = x W}, DL4J orientation
 * {@code W: [n_0, n_1]}, the transpose of Xu's). Implementations: {@link LinearLmserRule} (eqn 10a),
 * {@link OjaSubspaceRule} (eqn 12), {@link SymmetryBrokenLmserRule} (true PCA).
 */
public interface SubspaceRule {
    /**
     * @param w weights {@code [n_0, n_1]}
     * @param x zero-mean samples {@code [b, n_0]}
     * @return the rule's direction {@code dW/dt} averaged over the samples, {@code [n_0, n_1]}
     */
    INDArray direction(INDArray w, INDArray x);

    /** @return a short name for reports, e.g. {@code lmser} */
    String name();
}
