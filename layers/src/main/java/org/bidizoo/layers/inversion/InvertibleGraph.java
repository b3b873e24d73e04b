package org.bidizoo.layers.inversion;

import java.util.Map;

import org.bidizoo.layers.samediff.SdActivations;
import org.bidizoo.layers.transpose.ConvGeometry;
import org.bidizoo.layers.transpose.TransposedOps;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of an {@link InvertibleNet}: the forward pass f(x) (the logits) and the explicit
 * transposed pass J(x)ᵀ v through the same weights, so that the reconstruction J(x)ᵀ f(x) is an
 * ordinary differentiable expression (SameDiff has no double backprop).
 *
 * <p>The transposed pass reuses the forward pass's state: ReLU / leaky-ReLU masks and max-pooling
 * arg-max masks enter as constants (stop-gradient: they are piecewise constant, so this is exact
 * almost everywhere); a sigmoid's factor s'(y) = s(y)(1 − s(y)) stays differentiable, so the gradient
 * of a loss on J(x)ᵀ f(x) equals double backpropagation's for every supported activation.
 * Biases enter f(x) but not Jᵀ. Dense and convolution transposes are {@link TransposedOps}, shared
 * with Lmser's top-down pass.
 */
final class InvertibleGraph {
    private final InvertibleNet conf;
    private final SameDiff sd;
    private final Map<String, SDVariable> p;
    private final InvertibleShapes shapes;
    /** per step: its input */
    private final SDVariable[] in;
    /** per step: its pre-activation (ACTIVATION, RESIDUAL) or output (POOL) */
    private final SDVariable[] state;
    /** per residual step: the pre-activation inside the branch */
    private final SDVariable[] inner;
    /** per ACTIVATION / RESIDUAL step with a piecewise-linear activation: a'(state), a constant */
    private final SDVariable[] slope;
    /** per RESIDUAL step with a piecewise-linear activation: a'(inner), a constant */
    private final SDVariable[] innerSlope;

    InvertibleGraph(InvertibleNet conf, SameDiff sd, Map<String, SDVariable> params) {
        this.conf = conf;
        this.sd = sd;
        this.p = params;
        this.shapes = conf.shapes();
        int n = shapes.steps();
        this.in = new SDVariable[n];
        this.state = new SDVariable[n];
        this.inner = new SDVariable[n];
        this.slope = new SDVariable[n];
        this.innerSlope = new SDVariable[n];
    }

    /**
     * @param input {@code [b, C, H, W]} or {@code [b, n]}
     * @return logits {@code [b, numClasses]}, or for {@link InversionOutput#BOTH} logits then the flattened
     *         reconstruction, {@code [b, numClasses + inputSize]}
     */
    SDVariable build(SDVariable input) {
        SDVariable h = input;
        for (int i = 0; i < shapes.steps(); i++) {
            in[i] = h;
            h = forward(i, h);
        }
        if (conf.getOutput() == InversionOutput.LOGITS) {
            return h;
        }
        SDVariable t = h;
        SDVariable layerLoss = null;
        double[] gamma = conf.getLayerWeights();
        for (int i = shapes.steps() - 1; i >= 0; i--) {
            t = transposed(i, t);
            if (conf.getOutput() == InversionOutput.ALL && i >= 1 && gamma[i] != 0) {
                // Eq. 12: R^(i) = ||(df/dz_i)^T f - z_i||^2, as a mean over z_i's elements
                SDVariable d = t.sub(in[i]).reshape(-1, shapes.size(i));
                SDVariable r = d.mul(d).mean(true, 1).mul(gamma[i]);
                layerLoss = layerLoss == null ? r : layerLoss.add(r);
            }
        }
        SDVariable both = sd.concat(1, h, t.reshape(-1, shapes.size(0)));
        if (conf.getOutput() != InversionOutput.ALL) {
            return both;
        }
        if (layerLoss == null) {
            layerLoss = h.get(SDIndex.all(), SDIndex.interval(0, 1)).mul(0.0);
        }
        return sd.concat(1, both, layerLoss);
    }

    private SDVariable forward(int i, SDVariable h) {
        InvertibleStep st = conf.getSteps().get(i);
        switch (st.getKind()) {
            case CONV:
                return sd.nn().biasAdd(TransposedOps.conv(h, p.get(InvertibleParams.weight(i)), st.heightGeometry(),
                        st.widthGeometry()), p.get(InvertibleParams.bias(i)).reshape(-1), true);
            case DENSE:
                SDVariable flat = shapes.shape(i).length == 3 ? h.reshape(-1, shapes.size(i)) : h;
                return TransposedOps.dense(flat, p.get(InvertibleParams.weight(i))).add(p.get(InvertibleParams.bias(i)));
            case ACTIVATION:
                state[i] = h;
                return activate(st.getActivation(), h, slope, i);
            case POOL:
                Pooling2DConfig c = poolConfig(st);
                SDVariable out = st.getPool() == InvertibleStep.Pool.MAX ? sd.cnn().maxPooling2d(h, c)
                        : sd.cnn().avgPooling2d(h, c);
                state[i] = out;
                return out;
            case RESIDUAL:
                ConvGeometry gh = st.heightGeometry();
                ConvGeometry gw = st.widthGeometry();
                inner[i] = sd.nn().biasAdd(TransposedOps.conv(h, p.get(InvertibleParams.residualWeight(i, 'a')), gh, gw),
                        p.get(InvertibleParams.residualBias(i, 'a')).reshape(-1), true);
                SDVariable r = activate(st.getActivation(), inner[i], innerSlope, i);
                SDVariable branch = sd.nn().biasAdd(TransposedOps.conv(r, p.get(InvertibleParams.residualWeight(i, 'b')),
                        gh, gw), p.get(InvertibleParams.residualBias(i, 'b')).reshape(-1), true);
                state[i] = h.add(branch);
                return activate(st.getActivation(), state[i], slope, i);
            default:
                throw new IllegalStateException(st.getKind().toString());
        }
    }

    /** J_iᵀ t: the transpose of step i's Jacobian at the forward pass's state, applied to t. */
    private SDVariable transposed(int i, SDVariable t) {
        InvertibleStep st = conf.getSteps().get(i);
        long[] s = shapes.shape(i);
        long[] o = shapes.shape(i + 1);
        switch (st.getKind()) {
            case CONV:
                return TransposedOps.convT(t, p.get(InvertibleParams.weight(i)), st.heightGeometry(), st.widthGeometry(),
                        o[1], o[2], s[1], s[2]);
            case DENSE:
                SDVariable back = TransposedOps.denseT(t, p.get(InvertibleParams.weight(i)));
                return s.length == 3 ? back.reshape(-1, s[0], s[1], s[2]) : back;
            case ACTIVATION:
                return t.mul(slopeAt(st.getActivation(), state[i], slope[i]));
            case POOL:
                return poolT(st, t, i, s, o);
            case RESIDUAL:
                ConvGeometry gh = st.heightGeometry();
                ConvGeometry gw = st.widthGeometry();
                SDVariable gOut = t.mul(slopeAt(st.getActivation(), state[i], slope[i]));
                SDVariable b = TransposedOps.convT(gOut, p.get(InvertibleParams.residualWeight(i, 'b')), gh, gw, s[1],
                        s[2], s[1], s[2]).mul(slopeAt(st.getActivation(), inner[i], innerSlope[i]));
                SDVariable a = TransposedOps.convT(b, p.get(InvertibleParams.residualWeight(i, 'a')), gh, gw, s[1], s[2],
                        s[1], s[2]);
                return gOut.add(a);
            default:
                throw new IllegalStateException(st.getKind().toString());
        }
    }

    /** a(pre), its mask (if the forward pass makes one) kept in {@code slopes[i]}: {@link SdActivations#keep} */
    private SDVariable activate(Activation a, SDVariable pre, SDVariable[] slopes, int i) {
        SdActivations.Kept k = SdActivations.keep(a, sd, pre);
        slopes[i] = k.slope();
        return k.out();
    }

    /** a'(pre) for the transposed pass: the forward pass's mask where it made one, else the slope. */
    private SDVariable slopeAt(Activation a, SDVariable pre, SDVariable forwardMask) {
        return forwardMask != null ? forwardMask : SdActivations.transposedSlope(a, sd, pre);
    }

    /**
     * The pooling's transpose: each output's value spread over its window (mean: divided by the window's
     * size; max: kept only where the input equals its window's maximum, a constant mask), zero where the
     * pooling dropped a remainder.
     */
    private SDVariable poolT(InvertibleStep st, SDVariable t, int i, long[] s, long[] o) {
        int kh = st.heightGeometry().kernel();
        int k = st.getKernel();
        SDVariable up = sd.cnn().upsampling2d(t, kh, k, true);
        long hUsed = o[1] * kh;
        long wUsed = o[2] * k;
        if (st.getPool() == InvertibleStep.Pool.MEAN) {
            up = up.div((double) kh * k);
        } else {
            SDVariable x = in[i];
            if (hUsed != s[1] || wUsed != s[2]) {
                x = x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, hUsed), SDIndex.interval(0L, wUsed));
            }
            SDVariable routed = x.eq(sd.cnn().upsampling2d(state[i], kh, k, true)).castTo(x.dataType());
            SDVariable mask = SdActivations.constant(sd, routed);
            up = up.mul(mask);
        }
        if (hUsed != s[1] || wUsed != s[2]) {
            SDVariable pads = sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {0, (int) (s[1] - hUsed)},
                    {0, (int) (s[2] - wUsed)}}).castTo(DataType.INT32));
            up = sd.nn().pad(up, pads, PadMode.CONSTANT, 0.0);
        }
        return up;
    }

    private static Pooling2DConfig poolConfig(InvertibleStep st) {
        int kh = st.heightGeometry().kernel();
        return Pooling2DConfig.builder().kH(kh).kW(st.getKernel()).sH(kh).sW(st.getKernel())
                .type(st.getPool() == InvertibleStep.Pool.MAX ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
                .isNHWC(false).build();
    }
}
