package org.bidizoo.layers.inversion;

import java.util.List;
import java.util.Map;

import org.bidizoo.layers.runtime.ConvKernels;
import org.bidizoo.layers.runtime.FloatAdjoint;
import org.bidizoo.layers.runtime.Gemm;
import org.bidizoo.layers.runtime.LayerPass;
import org.bidizoo.layers.transpose.ActivationAdjoint.Kept;
import org.bidizoo.layers.transpose.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One forward and backward pass of an {@link InvertibleNet} on arrays, with hand-written gradients:
 * the same function as {@link InvertibleGraph}'s SameDiff graph, but the backward pass reuses the
 * forward pass's arrays instead of recomputing them, and calls libnd4j's kernels directly.
 *
 * <p>Forward: f(x) through the steps, then the transposed pass t_n = f(x), t_i = J_iᵀ t_{i+1} (masks of
 * ReLU, leaky ReLU and max pooling constant, a sigmoid's slope s(1 − s) differentiable), and Eq. 12's
 * per-layer losses γ_i·mean((t_i − z_i)²). Backward: first up the transposed chain (t_0 → t_n, adding
 * the per-layer losses' terms), then down the forward chain from the logits, whose gradient is the
 * loss's own plus the transposed chain's; weights used by both chains sum both gradients.
 */
final class InvertiblePass implements LayerPass {
    private final InvertibleNet conf;
    private final InvertibleShapes shapes;
    private final Map<String, INDArray> p;
    private final List<InvertibleStep> steps;
    private final int n;
    private final boolean transposedPass;
    /** Whether {@link #backward} returns dL/dx (else null, and the first step's input gradient is not computed). */
    private final boolean inputGradient;
    private long batch;
    /** in[i]: step i's input, {@code [b, ...shape(i)]}; in[n]: the logits */
    private final INDArray[] in;
    /** ACTIVATION: the activation; RESIDUAL: the outer activation (of x + branch) */
    private final Kept[] outer;
    /** RESIDUAL: the inner activation and its output */
    private final Kept[] inner;
    /** RESIDUAL: the output of the inner activation (the second convolution's input) */
    private final INDArray[] innerOut;
    /**
     * max POOL: 1 at each window's first maximum (where max pooling's backward pass routes), else 0; made by the
     * transposed pass's backward step, the only one that uses it
     */
    private final INDArray[] poolMask;
    /** t[i]: the transposed pass at step i's input; t[n] = logits */
    private final INDArray[] t;
    /** RESIDUAL, transposed pass: g = t·a'(s), c = convT_b(g), bT = c·a'(inner) */
    private final INDArray[] resG;
    private final INDArray[] resC;
    private final INDArray[] resB;
    /** per-example Eq. 12 losses {@code [b, 1]} (output ALL) */
    private INDArray layerLoss;

    /**
     * @param conf   the layer configuration
     * @param params the parameter table (keys of {@link InvertibleParams})
     * @param transposedPass whether to compute J(x)ᵀ f(x) (false: logits only)
     */
    InvertiblePass(InvertibleNet conf, Map<String, INDArray> params, boolean transposedPass, boolean inputGradient) {
        this.conf = conf;
        this.inputGradient = inputGradient;
        this.shapes = conf.shapes();
        this.p = params;
        this.steps = conf.getSteps();
        this.n = steps.size();
        this.transposedPass = transposedPass;
        this.in = new INDArray[n + 1];
        this.outer = new Kept[n];
        this.inner = new Kept[n];
        this.innerOut = new INDArray[n];
        this.poolMask = new INDArray[n];
        this.t = new INDArray[n + 1];
        this.resG = new INDArray[n];
        this.resC = new INDArray[n];
        this.resB = new INDArray[n];
    }

    /**
     * @param x        {@code [b, ...inputShape]}, kept for the backward pass
     * @param training unused: the pass is the same either way
     * @return the layer output: logits, or logits | J(x)ᵀ f(x) flattened (| Eq. 12 losses)
     */
    @Override
    public INDArray forward(INDArray x, boolean training) {
        batch = x.size(0);
        in[0] = x;
        for (int i = 0; i < n; i++) {
            in[i + 1] = forward(i, in[i]);
        }
        INDArray logits = in[n];
        if (!transposedPass) {
            return logits;
        }
        t[n] = logits;
        double[] gamma = conf.getLayerWeights();
        for (int i = n - 1; i >= 0; i--) {
            t[i] = transposed(i, t[i + 1]);
            if (gamma != null && i >= 1 && gamma[i] != 0) {
                INDArray d = t[i].sub(in[i]).reshape(batch, shapes.size(i));
                INDArray r = d.muli(d).mean(true, 1).muli(gamma[i]);
                layerLoss = layerLoss == null ? r : layerLoss.addi(r);
            }
        }
        long classes = logits.size(1);
        long size0 = shapes.size(0);
        boolean all = conf.getOutput() == InversionOutput.ALL;
        INDArray out = Nd4j.create(logits.dataType(), batch, classes + size0 + (all ? 1 : 0));
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, classes)).assign(logits);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(classes, classes + size0)).assign(t[0].reshape(batch, size0));
        if (all) {
            INDArray col = out.get(NDArrayIndex.all(), NDArrayIndex.interval(classes + size0, classes + size0 + 1));
            col.assign(layerLoss == null ? Nd4j.zeros(logits.dataType(), batch, 1) : layerLoss);
        }
        return out;
    }

    private INDArray forward(int i, INDArray x) {
        InvertibleStep st = steps.get(i);
        switch (st.getKind()) {
            case CONV:
                return ConvKernels.conv(x, p.get(InvertibleParams.weight(i)),
                        p.get(InvertibleParams.bias(i)).reshape(-1), st.heightGeometry(), st.widthGeometry());
            case DENSE: {
                return product(flat(i, x), p.get(InvertibleParams.weight(i)), false, false)
                        .addiRowVector(p.get(InvertibleParams.bias(i)));
            }
            case ACTIVATION:
                outer[i] = FloatAdjoint.keep(st.getActivation(), x);
                return outer[i].out();
            case POOL: {
                int kh = st.heightGeometry().kernel();
                int kw = st.getKernel();
                if (st.getPool() == InvertibleStep.Pool.MEAN) {
                    return ConvKernels.meanPool(x, kh, kw);
                }
                return ConvKernels.maxPool(x, kh, kw);
            }
            case RESIDUAL: {
                ConvGeometry gh = st.heightGeometry();
                ConvGeometry gw = st.widthGeometry();
                INDArray a = ConvKernels.conv(x, p.get(InvertibleParams.residualWeight(i, 'a')),
                        p.get(InvertibleParams.residualBias(i, 'a')).reshape(-1), gh, gw);
                inner[i] = FloatAdjoint.keep(st.getActivation(), a);
                innerOut[i] = inner[i].out();
                INDArray branch = ConvKernels.conv(innerOut[i], p.get(InvertibleParams.residualWeight(i, 'b')),
                        p.get(InvertibleParams.residualBias(i, 'b')).reshape(-1), gh, gw);
                outer[i] = FloatAdjoint.keep(st.getActivation(), branch.addi(x));
                return outer[i].out();
            }
            default:
                throw new IllegalStateException(st.getKind().toString());
        }
    }

    /** @return step i's input as {@code [b, size]} (a view for a contiguous input) */
    private INDArray flat(int i, INDArray x) {
        return x.rank() == 2 ? x : x.reshape('c', batch, shapes.size(i));
    }

    private INDArray transposed(int i, INDArray z) {
        InvertibleStep st = steps.get(i);
        long[] s = shapes.shape(i);
        switch (st.getKind()) {
            case CONV:
                return ConvKernels.convT(z, p.get(InvertibleParams.weight(i)), st.heightGeometry(),
                        st.widthGeometry(), s[1], s[2]);
            case DENSE: {
                INDArray back = product(z, p.get(InvertibleParams.weight(i)), false, true);
                return s.length == 3 ? back.reshape('c', batch, s[0], s[1], s[2]) : back;
            }
            case ACTIVATION:
                return FloatAdjoint.times(outer[i], z);
            case POOL:
                return poolT(i, z);
            case RESIDUAL: {
                ConvGeometry gh = st.heightGeometry();
                ConvGeometry gw = st.widthGeometry();
                resG[i] = FloatAdjoint.times(outer[i], z);
                resC[i] = ConvKernels.convT(resG[i], p.get(InvertibleParams.residualWeight(i, 'b')), gh, gw,
                        s[1], s[2]);
                resB[i] = FloatAdjoint.times(inner[i], resC[i]);
                INDArray a = ConvKernels.convT(resB[i], p.get(InvertibleParams.residualWeight(i, 'a')), gh, gw,
                        s[1], s[2]);
                return a.addi(resG[i]);
            }
            default:
                throw new IllegalStateException(st.getKind().toString());
        }
    }

    /**
     * op(a)·op(b) into a new c-order array through {@link Gemm}: a large product gets the whole native team, a small
     * one OpenBLAS directly (mmul's f-order result was 6.2% of smallcnn's training samples, each same-sized
     * {@code Nd4j.gemm} 2.6%).
     */
    private static INDArray product(INDArray a, INDArray b, boolean transA, boolean transB) {
        INDArray c = Nd4j.createUninitialized(a.dataType(), transA ? a.size(1) : a.size(0),
                transB ? b.size(0) : b.size(1));
        return Gemm.gemm(a, b, c, transA, transB, false);
    }

    /** The pooling's transpose, which is also its backward pass. */
    private INDArray poolT(int i, INDArray z) {
        InvertibleStep st = steps.get(i);
        return ConvKernels.poolBackward(in[i], z, st.heightGeometry().kernel(), st.getKernel(),
                st.getPool() == InvertibleStep.Pool.MAX);
    }

    /** The backward pass of {@link #poolT}: each window's sum of the gradient (max: at the routed position). */
    private INDArray poolTBackward(int i, INDArray g) {
        InvertibleStep st = steps.get(i);
        int kh = st.heightGeometry().kernel();
        int kw = st.getKernel();
        long[] o = shapes.shape(i + 1);
        INDArray used = g.get(ConvKernels.region(0, o[1] * kh, 0, o[2] * kw));
        if (st.getPool() == InvertibleStep.Pool.MEAN) {
            return ConvKernels.meanPool(used, kh, kw);
        }
        if (poolMask[i] == null) {
            poolMask[i] = ConvKernels.poolBackward(in[i], Nd4j.onesLike(in[i + 1]), kh, kw, true);
        }
        INDArray mask = poolMask[i].get(ConvKernels.region(0, o[1] * kh, 0, o[2] * kw));
        return ConvKernels.meanPool(used.mul(mask), kh, kw).muli((double) kh * kw);
    }

    /**
     * @param epsilon dL/d(output), the layer output's shape
     * @param grads   gradient arrays to fill, keyed as the parameters (overwritten)
     * @return dL/dx, the input's shape; null when the layer computes no input gradient
     */
    @Override
    public INDArray backward(INDArray epsilon, Map<String, INDArray> grads) {
        for (INDArray g : grads.values()) {
            g.assign(0);
        }
        long classes = in[n].size(1);
        INDArray gLogits = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, classes)).dup();
        INDArray[] layerTerm = new INDArray[n];
        INDArray[] extra = new INDArray[n];
        INDArray[] innerExtra = new INDArray[n];
        if (transposedPass) {
            long size0 = shapes.size(0);
            double[] gamma = conf.getLayerWeights();
            INDArray g = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(classes, classes + size0)).dup()
                    .reshape(in[0].shape());
            for (int i = 0; i < n; i++) {
                if (gamma != null && i >= 1 && gamma[i] != 0) {
                    INDArray col = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(classes + size0,
                            classes + size0 + 1)).mul(2.0 * gamma[i] / shapes.size(i));
                    layerTerm[i] = t[i].sub(in[i]).reshape(batch, shapes.size(i)).muliColumnVector(col)
                            .reshape(in[i].shape());
                    g = g.add(layerTerm[i]);
                }
                g = transposedBackward(i, g, grads, extra, innerExtra);
            }
            gLogits.addi(g);
        }
        INDArray g = gLogits;
        for (int i = n - 1; i >= 0; i--) {
            if (i + 1 < n && layerTerm[i + 1] != null) {
                g = g.sub(layerTerm[i + 1]);
            }
            if (i == 0 && !inputGradient) {
                firstStepParamsBackward(g, grads, extra[0], innerExtra[0]);
                return null;
            }
            g = forwardBackward(i, g, grads, extra[i], innerExtra[i]);
        }
        return g;
    }

    /**
     * The first step's weight and bias gradients without dL/dx (nothing reads it): a convolution's weight gradient
     * alone, a dense step's two products without the third; a step without parameters has nothing to do.
     */
    private void firstStepParamsBackward(INDArray g, Map<String, INDArray> grads, INDArray extra,
                                         INDArray innerExtra) {
        InvertibleStep st = steps.get(0);
        String w = InvertibleParams.weight(0);
        String b = InvertibleParams.bias(0);
        switch (st.getKind()) {
            case CONV: {
                INDArray dw = grads.get(w).ulike();
                INDArray db = grads.get(b).ulike().reshape(-1);
                ConvKernels.convWeightGradient(in[0], p.get(w), p.get(b).reshape(-1), g, st.heightGeometry(),
                        st.widthGeometry(), dw, db);
                grads.get(w).addi(dw);
                grads.get(b).addi(db.reshape(1, -1));
                return;
            }
            case DENSE:
                grads.get(w).addi(product(flat(0, in[0]), g, true, false));
                grads.get(b).addi(g.sum(true, 0));
                return;
            case RESIDUAL: // its input gradient feeds its own weights' path: the whole backward pass
                forwardBackward(0, g, grads, extra, innerExtra);
                return;
            default: // activation, pooling: no parameters
        }
    }

    /** dL/dt_{i+1} from dL/dt_i; weight gradients and sigmoid-slope terms accumulated. */
    private INDArray transposedBackward(int i, INDArray g, Map<String, INDArray> grads, INDArray[] extra,
                                        INDArray[] innerExtra) {
        InvertibleStep st = steps.get(i);
        switch (st.getKind()) {
            case CONV: {
                String w = InvertibleParams.weight(i);
                INDArray[] r = ConvKernels.convTBackward(t[i + 1], p.get(w), g, st.heightGeometry(),
                        st.widthGeometry());
                grads.get(w).addi(r[1]);
                return r[0];
            }
            case DENSE: {
                String w = InvertibleParams.weight(i);
                INDArray g2 = flat(i, g);
                grads.get(w).addi(product(g2, t[i + 1], true, false));
                return product(g2, p.get(w), false, false);
            }
            case ACTIVATION: {
                INDArray dSlope = outer[i].slopeDerivative();
                if (dSlope != null) {
                    extra[i] = g.mul(t[i + 1]).muli(dSlope);
                }
                return FloatAdjoint.times(outer[i], g);
            }
            case POOL:
                return poolTBackward(i, g);
            case RESIDUAL: {
                ConvGeometry gh = st.heightGeometry();
                ConvGeometry gw = st.widthGeometry();
                String wa = InvertibleParams.residualWeight(i, 'a');
                String wb = InvertibleParams.residualWeight(i, 'b');
                INDArray[] ra = ConvKernels.convTBackward(resB[i], p.get(wa), g, gh, gw);
                grads.get(wa).addi(ra[1]);
                INDArray dInnerSlope = inner[i].slopeDerivative();
                if (dInnerSlope != null) {
                    innerExtra[i] = ra[0].mul(resC[i]).muli(dInnerSlope);
                }
                INDArray[] rb = ConvKernels.convTBackward(resG[i], p.get(wb), FloatAdjoint.times(inner[i], ra[0]), gh,
                        gw);
                grads.get(wb).addi(rb[1]);
                INDArray dG = rb[0].addi(g);
                INDArray dOuterSlope = outer[i].slopeDerivative();
                if (dOuterSlope != null) {
                    extra[i] = dG.mul(t[i + 1]).muli(dOuterSlope);
                }
                return FloatAdjoint.times(outer[i], dG);
            }
            default:
                throw new IllegalStateException(st.getKind().toString());
        }
    }

    /** dL/d in_i from dL/d in_{i+1}; weight and bias gradients accumulated. */
    private INDArray forwardBackward(int i, INDArray g, Map<String, INDArray> grads, INDArray extra,
                                     INDArray innerExtra) {
        InvertibleStep st = steps.get(i);
        switch (st.getKind()) {
            case CONV: {
                String w = InvertibleParams.weight(i);
                String b = InvertibleParams.bias(i);
                INDArray[] r = ConvKernels.convBackward(in[i], p.get(w), p.get(b).reshape(-1), g,
                        st.heightGeometry(), st.widthGeometry());
                grads.get(w).addi(r[1]);
                grads.get(b).addi(r[2].reshape(1, -1));
                return r[0];
            }
            case DENSE: {
                String w = InvertibleParams.weight(i);
                grads.get(w).addi(product(flat(i, in[i]), g, true, false));
                grads.get(InvertibleParams.bias(i)).addi(g.sum(true, 0));
                INDArray back = product(g, p.get(w), false, true);
                return in[i].rank() == 2 ? back : back.reshape('c', in[i].shape());
            }
            case ACTIVATION: {
                INDArray d = FloatAdjoint.times(outer[i], g);
                return extra == null ? d : d.addi(extra);
            }
            case POOL:
                return poolT(i, g);
            case RESIDUAL: {
                ConvGeometry gh = st.heightGeometry();
                ConvGeometry gw = st.widthGeometry();
                String wa = InvertibleParams.residualWeight(i, 'a');
                String ba = InvertibleParams.residualBias(i, 'a');
                String wb = InvertibleParams.residualWeight(i, 'b');
                String bb = InvertibleParams.residualBias(i, 'b');
                INDArray dS = FloatAdjoint.times(outer[i], g);
                if (extra != null) {
                    dS.addi(extra);
                }
                INDArray[] rb = ConvKernels.convBackward(innerOut[i], p.get(wb), p.get(bb).reshape(-1), dS, gh, gw);
                grads.get(wb).addi(rb[1]);
                grads.get(bb).addi(rb[2].reshape(1, -1));
                INDArray dA = FloatAdjoint.times(inner[i], rb[0]);
                if (innerExtra != null) {
                    dA.addi(innerExtra);
                }
                INDArray[] ra = ConvKernels.convBackward(in[i], p.get(wa), p.get(ba).reshape(-1), dA, gh, gw);
                grads.get(wa).addi(ra[1]);
                grads.get(ba).addi(ra[2].reshape(1, -1));
                return ra[0].addi(dS);
            }
            default:
                throw new IllegalStateException(st.getKind().toString());
        }
    }
}
