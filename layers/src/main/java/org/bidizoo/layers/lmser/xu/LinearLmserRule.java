package org.bidizoo.layers.lmser.xu;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LMSER rule for one layer of linear units (seed 001, eqn 10a): with {@code y = W x},
 * {@code u = Wᵀ y}, {@code y' = W u}, Xu's {@code G = y(x − u)ᵀ + (y − y')xᵀ}, the exact
 * {@code −∂J⁰/∂W} of {@code J⁰ = ½‖x − u‖²} (Theorem 2: converges to a rotation of the principal
 * subspace). Returned transposed to DL4J's orientation, averaged over the samples.
 */
public final class LinearLmserRule implements SubspaceRule {
    @Override
    public INDArray direction(INDArray w, INDArray x) {
        INDArray y = x.mmul(w);
        INDArray u = y.mmul(w.transpose());
        INDArray yPrime = u.mmul(w);
        INDArray g = x.sub(u).transpose().mmul(y).addi(x.transpose().mmul(y.subi(yPrime)));
        return g.divi(x.size(0));
    }

    @Override
    public String name() {
        return "lmser";
    }
}
