package org.bidizoo.zoo.deconvnet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The proximal map of t·|z|^p, element-wise: argmin_u ½(u − v)² + t|u|^p. For p = 1 soft thresholding,
 * sign(v)·max(|v| − t, 0); for p = 2 the shrinkage v / (1 + 2t); for 1 < p < 2 the root s ≥ 0 of
 * s + t p s^(p−1) = |v| (increasing in s), found by bisection on [0, |v|].
 */
public final class SparsityProx {
    private static final int BISECTIONS = 60;

    private SparsityProx() {
    }

    /**
     * @param v the point {@code [any shape]} (not modified)
     * @param t the threshold scale, {@code >= 0}
     * @param p the exponent, in [1, 2]
     * @return the prox, a new array
     */
    public static INDArray apply(INDArray v, double t, double p) {
        if (p == 1) {
            // v − clip(v, −t, t) = sign(v)·max(|v| − t, 0)
            return v.sub(Transforms.max(Transforms.min(v, t, true), -t, false));
        }
        if (p == 2) {
            return v.div(1 + 2 * t);
        }
        double[] a = v.dup('c').data().asDouble();
        for (int i = 0; i < a.length; i++) {
            double m = Math.abs(a[i]);
            double lo = 0;
            double hi = m;
            for (int k = 0; k < BISECTIONS && hi > lo; k++) {
                double mid = 0.5 * (lo + hi);
                // φ(mid) = mid + t p mid^(p-1) − |v|, increasing; φ ≥ 0 → the root is at or below mid
                if (mid + t * p * Math.pow(mid, p - 1) - m >= 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            a[i] = Math.copySign(0.5 * (lo + hi), a[i]);
        }
        return Nd4j.create(a, v.shape(), DataType.DOUBLE).castTo(v.dataType());
    }

    /**
     * @param z the codes
     * @param p the exponent
     * @return Σ|z|^p
     */
    public static double penalty(INDArray z, double p) {
        if (p == 1) {
            return z.norm1Number().doubleValue();
        }
        return Transforms.pow(Transforms.abs(z, true), p, false).sumNumber().doubleValue();
    }
}
