package org.bidizoo.layers.lmser.xu;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Oja's subspace rule (seed 001, eqn 12): {@code G_0 = y xᵀ − y yᵀ W}, {@code y = W x} (Xu's
 * orientation); returned transposed, averaged over the samples. Its average equals the first half of
 * the LMSER rule's, {@code E[y(x − u)ᵀ]} (Theorem 4 compares the two).
 */
public final class OjaSubspaceRule implements SubspaceRule {
    @Override
    public INDArray direction(INDArray w, INDArray x) {
        INDArray y = x.mmul(w);
        INDArray g = x.transpose().mmul(y).subi(w.mmul(y.transpose().mmul(y)));
        return g.divi(x.size(0));
    }

    @Override
    public String name() {
        return "oja";
    }
}
