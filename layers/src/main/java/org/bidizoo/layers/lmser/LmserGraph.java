package org.bidizoo.layers.lmser;

import java.util.List;
import java.util.Map;

import org.bidizoo.layers.samediff.SdActivations;
import org.bidizoo.layers.transpose.TransposedOps;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds the SameDiff graph of an Lmser stack: the reference definition of its forward pass.
 *
 * <p>With levels 0..L-1 mapping activity k to k+1 (z_0 = x), one reflection is
 * <pre>
 * bottom-up  y_{k+1} = W_k z_k + b_k
 *            z_{k+1} = s(y_{k+1} + u_{k+1})        (u = top-down signal of the previous reflection; 0 at first)
 * top-down   t = z_L
 *            u_k = W_kᵀ t + c_k,  t = s(p_k + u_k)  for k = L-1 .. 1  (p_k = z_k or y_k with paired neurons, else 0)
 *            x̂ = s_out(W_0ᵀ t + c_0)
 * </pre>
 * The top level uses the code activation. With untied weights (DCW off) the top-down pass uses
 * V_k in place of W_k.
 */
final class LmserGraph {
    private final LmserLayer conf;
    private final LmserShapes shapes;
    private final SameDiff sd;
    private final Map<String, SDVariable> p;

    LmserGraph(LmserLayer conf, SameDiff sd, Map<String, SDVariable> params) {
        this.conf = conf;
        this.shapes = conf.shapes();
        this.sd = sd;
        this.p = params;
    }

    /**
     * @param input {@code [b, n]} or {@code [b, C, H, W]}
     * @return the layer's output as configured
     */
    SDVariable build(SDVariable input) {
        List<LmserLevel> levels = conf.getLevels();
        int nl = levels.size();
        SDVariable[] z = new SDVariable[nl + 1];
        SDVariable[] y = new SDVariable[nl + 1];
        SDVariable[] u = new SDVariable[nl + 1];
        z[0] = input;
        SDVariable recon = null;
        int last = conf.getReflections() - 1;
        for (int r = 0; r <= last; r++) {
            for (int k = 0; k < nl; k++) {
                y[k + 1] = up(k, z[k]);
                SDVariable net = r > 0 && k + 1 < nl ? y[k + 1].add(u[k + 1]) : y[k + 1];
                z[k + 1] = SdActivations.apply(k + 1 == nl ? conf.getCodeActivation() : conf.getActivation(), sd, net);
            }
            if (r == last && (conf.getOutput() == LmserOutput.CODE || conf.getOutput() == LmserOutput.HIDDEN)) {
                break; // the last top-down pass would feed nothing
            }
            SDVariable t = z[nl];
            for (int k = nl - 1; k >= 1; k--) {
                u[k] = down(k, t);
                if (k == 1 && r < last) {
                    break; // the level-1 top-down activity only feeds the final reconstruction
                }
                SDVariable paired = !conf.isPairedNeurons() ? null
                        : conf.getPairing() == Pairing.ACTIVITY ? z[k] : y[k];
                t = SdActivations.apply(conf.getActivation(), sd, paired == null ? u[k] : paired.add(u[k]));
            }
            if (r == last) {
                recon = down(0, t);
            }
        }
        if (conf.getOutput() == LmserOutput.CODE) {
            return withZeroGradientFor(z[nl], unusedByCode());
        }
        if (conf.getOutput() == LmserOutput.HIDDEN) {
            SDVariable[] parts = new SDVariable[nl];
            for (int k = 1; k <= nl; k++) {
                parts[k - 1] = flat(z[k], k);
            }
            return withZeroGradientFor(nl == 1 ? parts[0] : sd.concat(1, parts), unusedByCode());
        }
        SDVariable xhat = SdActivations.apply(conf.getOutputActivation(), sd, recon);
        return conf.getOutput() == LmserOutput.RECONSTRUCTION ? xhat : sd.concat(1, flat(xhat, 0), flat(z[nl], nl));
    }

    /** Parameters the code does not depend on: the reconstruction's top-down weights and bias. */
    private List<String> unusedByCode() {
        List<String> names = new java.util.ArrayList<>();
        if (conf.getReflections() == 1) {
            for (int k = 0; k < conf.getLevels().size(); k++) {
                if (!conf.isTiedWeights()) {
                    names.add(LmserParams.decoderWeight(k));
                }
                if (conf.isBiases()) {
                    names.add(LmserParams.topDownBias(k));
                }
            }
        } else {
            if (!conf.isTiedWeights()) {
                names.add(LmserParams.decoderWeight(0));
            }
            if (conf.isBiases()) {
                names.add(LmserParams.topDownBias(0));
            }
        }
        return names;
    }

    /**
     * DL4J asks a SameDiff layer for the gradient of every parameter; one the output does not depend
     * on must still appear in the graph. Adds {@code 0 * sum(p)} for each, so its gradient is zero.
     */
    private SDVariable withZeroGradientFor(SDVariable out, List<String> unused) {
        SDVariable o = out;
        for (String n : unused) {
            o = o.add(p.get(n).sum().mul(0.0));
        }
        return o;
    }

    /** Level k bottom-up: activity k → net input of activity k+1. */
    private SDVariable up(int k, SDVariable zk) {
        LmserLevel l = conf.getLevels().get(k);
        SDVariable w = p.get(LmserParams.weight(k));
        SDVariable out;
        if (l.isConv()) {
            out = TransposedOps.conv(zk, w, l.geometry());
        } else {
            out = TransposedOps.dense(flat(zk, k), w);
        }
        if (conf.isBiases()) {
            out = out.add(biasLike(p.get(LmserParams.bias(k)), l.isConv()));
        }
        return out;
    }

    /** Level k top-down: activity k+1 → top-down signal into activity k, shaped like activity k. */
    private SDVariable down(int k, SDVariable t) {
        LmserLevel l = conf.getLevels().get(k);
        SDVariable w = p.get(conf.isTiedWeights() ? LmserParams.weight(k) : LmserParams.decoderWeight(k));
        SDVariable out;
        if (l.isConv()) {
            long[] in = shapes.shape(k);
            long[] o = shapes.shape(k + 1);
            out = TransposedOps.convT(t, w, l.geometry(), o[1], o[2], in[1], in[2]);
        } else {
            out = TransposedOps.denseT(t, w);
        }
        if (conf.isBiases()) {
            out = out.add(biasLike(p.get(LmserParams.topDownBias(k)), l.isConv()));
        }
        if (!l.isConv() && shapes.isConv(k)) {
            long[] s = shapes.shape(k);
            out = out.reshape(-1, s[0], s[1], s[2]);
        }
        return out;
    }

    private SDVariable flat(SDVariable v, int k) {
        return shapes.isConv(k) ? v.reshape(-1, shapes.size(k)) : v;
    }

    private static SDVariable biasLike(SDVariable b, boolean conv) {
        return conv ? b.reshape(1, -1, 1, 1) : b;
    }
}
