package org.bidizoo.layers.lmser;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bidizoo.layers.runtime.Fused;
import org.bidizoo.layers.runtime.LayerPass;
import org.bidizoo.layers.runtime.StepArrays;
import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The forward and backward pass of an all-dense Lmser stack written by hand with GEMMs: the same
 * function as {@link LmserGraph} defines, without SameDiff's per-call overhead. One instance holds
 * the activities of one forward pass so that the backward pass can reuse them.
 *
 * <p>Every per-step array is a slot of a {@link StepArrays} that the layer keeps from step to step:
 * GEMMs write into them ({@link Fused#gemm}, accumulating where a gradient has several terms) and the
 * element-wise chains (bias + paired-neuron term + activation, the activation's derivative, bias
 * gradients) are single {@link Fused} loops. Only the layer output and dL/dx are fresh arrays (in the
 * caller's workspace), and dL/dx is not computed at all when the layer is told nobody needs it
 * ({@link LmserLayer#isInputGradient()}).
 */
final class DenseLmserPass implements LayerPass {
    // slot kinds of StepArrays keys
    private static final int Y = 1;
    private static final int NET_UP = 2;
    private static final int Z = 3;
    private static final int U = 4;
    private static final int NET_DOWN = 5;
    private static final int T = 6;
    private static final int RECON = 7;
    private static final int XHAT = 8;
    private static final int D_RECON = 9;
    private static final int DT = 10;
    private static final int DU = 11;
    private static final int DZ = 12;
    private static final int DY = 13;
    private static final int EPS = 14;

    private final LmserLayer conf;
    private final Map<String, INDArray> params;
    private final StepArrays arrays;
    private final Fused fused;
    private final boolean inputGradient;
    private final int nl;
    private final int last;
    private final boolean codeOnly;
    /** The code penalties (sparse, contractive), or null. */
    private final CodePenalties penalties;
    private double penaltyScore;

    // [reflection][activity]
    private final INDArray[][] netUp;
    private final INDArray[][] z;
    private final INDArray[][] y;
    private final INDArray[][] u;
    private final INDArray[][] netDown;
    private final INDArray[][] t;
    private INDArray recon;
    private INDArray xhat;
    private long batch;
    private DataType type;
    private Set<String> written;

    /**
     * @param conf          the layer configuration
     * @param params        the parameters by key
     * @param arrays        the per-step arrays, kept by the caller from pass to pass
     * @param inputGradient whether {@link #backward} computes dL/dx (else it returns null)
     */
    DenseLmserPass(LmserLayer conf, Map<String, INDArray> params, StepArrays arrays, boolean inputGradient) {
        this.conf = conf;
        this.params = params;
        this.arrays = arrays;
        this.fused = new Fused(arrays);
        this.inputGradient = inputGradient;
        this.nl = conf.getLevels().size();
        this.last = conf.getReflections() - 1;
        this.codeOnly = conf.getOutput() == LmserOutput.CODE;
        this.penalties = CodePenalties.any(conf) ? new CodePenalties(conf) : null;
        int r = conf.getReflections();
        netUp = new INDArray[r][nl + 1];
        z = new INDArray[r][nl + 1];
        y = new INDArray[r][nl + 1];
        u = new INDArray[r][nl + 1];
        netDown = new INDArray[r][nl + 1];
        t = new INDArray[r][nl + 1];
    }

    /** A pass with arrays of its own (one-off calls: generation, encoding). */
    DenseLmserPass(LmserLayer conf, Map<String, INDArray> params) {
        this(conf, params, new StepArrays(), true);
    }

    private INDArray w(int k) {
        return params.get(LmserParams.weight(k));
    }

    private String dKey(int k) {
        return conf.isTiedWeights() ? LmserParams.weight(k) : LmserParams.decoderWeight(k);
    }

    private INDArray d(int k) {
        return params.get(dKey(k));
    }

    private INDArray bias(int k) {
        return conf.isBiases() ? params.get(LmserParams.bias(k)) : null;
    }

    private INDArray topDownBias(int k) {
        return conf.isBiases() ? params.get(LmserParams.topDownBias(k)) : null;
    }

    private Activation act(int activity) {
        return activity == nl ? conf.getCodeActivation() : conf.getActivation();
    }

    private long size(int activity) {
        return activity == 0 ? conf.shapes().inputSize() : conf.getLevels().get(activity - 1).getUnits();
    }

    /** The slot {@code kind} of reflection r, activity k: {@code [batch, size(k)]}. */
    private INDArray slot(int kind, int r, int k) {
        return arrays.get((kind << 20) | (r << 10) | k, type, batch, size(k));
    }

    /** A fresh array in the current workspace (or none): for what leaves the layer. */
    private INDArray fresh(long cols) {
        return Nd4j.createUninitialized(type, new long[] {batch, cols}, 'c');
    }

    /**
     * @param x {@code [b, nIn]}
     * @return the layer output, a new array (inference: no code noise)
     */
    INDArray forward(INDArray x) {
        return forward(x, false);
    }

    /**
     * @param x        {@code [b, nIn]}
     * @param training whether to add the configured Gaussian noise to the top code before the top-down pass
     * @return the layer output, a new array
     */
    @Override
    public INDArray forward(INDArray x, boolean training) {
        type = w(0).dataType();
        if (x.dataType() != type) {
            x = x.castTo(type);
        }
        batch = x.size(0);
        boolean keepY = conf.isPairedNeurons() && conf.getPairing() == Pairing.NET_INPUT;
        INDArray out = null;
        for (int r = 0; r <= last; r++) {
            z[r][0] = x;
            for (int k = 0; k < nl; k++) {
                INDArray yk = slot(Y, r, k + 1);
                Fused.gemm(z[r][k], w(k), yk, false, false, false);
                INDArray extra = r > 0 && k + 1 < nl ? u[r - 1][k + 1] : null;
                INDArray net = extra != null && keepY ? slot(NET_UP, r, k + 1) : yk;
                boolean codeOut = r == last && k + 1 == nl && codeOnly;
                Activation a = act(k + 1);
                INDArray zk = codeOut ? (out = fresh(size(nl))) : a == Activation.IDENTITY ? net : slot(Z, r, k + 1);
                fused.netActivate(a, yk, bias(k), extra, net, zk);
                y[r][k + 1] = yk;
                netUp[r][k + 1] = net;
                z[r][k + 1] = zk;
            }
            if (r == last && codeOnly) {
                break;
            }
            t[r][nl] = training && conf.getCodeNoise() > 0 ? withCodeNoise(z[r][nl]) : z[r][nl];
            for (int k = nl - 1; k >= 1; k--) {
                INDArray uk = slot(U, r, k);
                Fused.gemm(t[r][k + 1], d(k), uk, false, true, false);
                u[r][k] = uk;
                if (k == 1 && r < last) {
                    fused.netActivate(Activation.IDENTITY, uk, topDownBias(k), null, uk, uk);
                    break;
                }
                INDArray paired = !conf.isPairedNeurons() ? null
                        : conf.getPairing() == Pairing.ACTIVITY ? z[r][k] : y[r][k];
                INDArray net = paired == null ? uk : slot(NET_DOWN, r, k);
                Activation a = conf.getActivation();
                INDArray tk = a == Activation.IDENTITY ? net : slot(T, r, k);
                fused.netActivate(a, uk, topDownBias(k), paired, net, tk);
                netDown[r][k] = net;
                t[r][k] = tk;
            }
            if (r == last) {
                recon = slot(RECON, r, 0);
                Fused.gemm(t[r][1], d(0), recon, false, true, false);
                xhat = conf.getOutput() == LmserOutput.RECONSTRUCTION ? (out = fresh(size(0))) : slot(XHAT, r, 0);
                fused.netActivate(conf.getOutputActivation(), recon, topDownBias(0), null, recon, xhat);
            }
        }
        if (conf.getOutput() == LmserOutput.BOTH) {
            out = Nd4j.hstack(xhat, z[last][nl]);
        }
        penaltyScore = penalties == null ? 0 : penalties.score(z[last][nl], w(0));
        return out;
    }

    /** @return what the code penalties add to the score for the last {@link #forward} call (0 if none) */
    double penaltyScore() {
        return penaltyScore;
    }

    /** @return the top code of the last bottom-up pass of the last {@link #forward} call */
    INDArray code() {
        return z[last][nl];
    }

    /** The top code plus N(0, codeNoise²) on units [codeNoiseFrom, end): the style units of seed 000's generation. */
    private INDArray withCodeNoise(INDArray code) {
        INDArray noisy = code.dup();
        long from = conf.getCodeNoiseFrom();
        INDArray part = noisy.get(NDArrayIndex.all(), NDArrayIndex.interval(from, code.size(1)));
        part.addi(Nd4j.randn(code.dataType(), part.shape()).muli(conf.getCodeNoise()));
        return noisy;
    }

    /**
     * Generation: the top-down pass from a given top code. The first pass has no paired terms (there
     * is no bottom-up activity); each further reflection runs bottom-up from the current
     * reconstruction, clamps the top code, and comes down again with the paired neurons.
     *
     * @param code        {@code [b, codeSize]}
     * @param reflections passes, {@code >= 1}
     * @return the reconstruction {@code [b, nIn]}
     */
    INDArray decode(INDArray code, int reflections) {
        INDArray tk = code;
        for (int k = nl - 1; k >= 1; k--) {
            tk = ActivationAdjoint.forward(conf.getActivation(), down(k, tk));
        }
        INDArray out = ActivationAdjoint.forward(conf.getOutputActivation(), down(0, tk));
        for (int r = 1; r < reflections; r++) {
            INDArray[] zz = new INDArray[nl + 1];
            INDArray[] yy = new INDArray[nl + 1];
            zz[0] = out;
            for (int k = 0; k < nl - 1; k++) {
                yy[k + 1] = zz[k].mmul(w(k));
                if (conf.isBiases()) {
                    yy[k + 1].addiRowVector(params.get(LmserParams.bias(k)));
                }
                zz[k + 1] = ActivationAdjoint.forward(conf.getActivation(), yy[k + 1]);
            }
            tk = code;
            for (int k = nl - 1; k >= 1; k--) {
                INDArray uk = down(k, tk);
                INDArray paired = !conf.isPairedNeurons() ? null
                        : conf.getPairing() == Pairing.ACTIVITY ? zz[k] : yy[k];
                tk = ActivationAdjoint.forward(conf.getActivation(), paired == null ? uk : paired.add(uk));
            }
            out = ActivationAdjoint.forward(conf.getOutputActivation(), down(0, tk));
        }
        return out;
    }

    private INDArray down(int k, INDArray tk1) {
        INDArray out = Nd4j.gemm(tk1, d(k), false, true);
        if (conf.isBiases()) {
            out.addiRowVector(params.get(LmserParams.topDownBias(k)));
        }
        return out;
    }

    /**
     * Back-propagates through the last {@link #forward} call.
     *
     * @param eps   dL/d(output), the shape of the output
     * @param grads gradient arrays by parameter key, overwritten
     * @return dL/dx, {@code [b, nIn]}, a new array; null if the pass was made without the input gradient
     */
    @Override
    public INDArray backward(INDArray eps, Map<String, INDArray> grads) {
        written = new HashSet<>();
        long n0 = size(0);
        INDArray[][] dz = new INDArray[last + 1][nl + 1];
        INDArray[][] dy = new INDArray[last + 1][nl + 1];
        INDArray[][] du = new INDArray[last + 1][nl + 1];
        INDArray dxhat = null;
        switch (conf.getOutput()) {
            case RECONSTRUCTION:
                dxhat = Fused.supports(eps) ? eps : copyToSlot(eps, EPS, 0);
                break;
            case CODE:
                dz[last][nl] = copyToSlot(eps, DZ, nl);
                break;
            default:
                dxhat = copyToSlot(eps.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n0)), EPS, 0);
                dz[last][nl] = copyToSlot(eps.get(NDArrayIndex.all(), NDArrayIndex.interval(n0, eps.size(1))), DZ, nl);
        }
        INDArray dx = null;
        for (int r = last; r >= 0; r--) {
            boolean topDown = !(r == last && codeOnly);
            if (topDown) {
                INDArray[] dt = new INDArray[nl + 1];
                if (r == last) {
                    INDArray dRecon = slot(D_RECON, r, 0);
                    fused.activationBackward(conf.getOutputActivation(), recon, xhat, dxhat, dRecon);
                    accumulateDown(0, dRecon, t[r][1], grads);
                    dt[1] = gemmInto(null, DT, r, 1, dRecon, d(0), false, false);
                }
                for (int k = 1; k < nl; k++) {
                    if (t[r][k] != null && dt[k] != null) {
                        INDArray dNet = dt[k];
                        fused.activationBackward(conf.getActivation(), netDown[r][k], t[r][k], dNet, dNet);
                        du[r][k] = add(du[r][k], DU, r, k, dNet);
                        if (conf.isPairedNeurons()) {
                            if (conf.getPairing() == Pairing.ACTIVITY) {
                                dz[r][k] = add(dz[r][k], DZ, r, k, dNet);
                            } else {
                                dy[r][k] = add(dy[r][k], DY, r, k, dNet);
                            }
                        }
                    }
                    if (du[r][k] != null) {
                        accumulateDown(k, du[r][k], t[r][k + 1], grads);
                        dt[k + 1] = gemmInto(dt[k + 1], DT, r, k + 1, du[r][k], d(k), false, false);
                    }
                }
                if (dt[nl] != null) {
                    dz[r][nl] = add(dz[r][nl], DZ, r, nl, dt[nl]);
                }
            }
            if (r == last && penalties != null) {
                if (dz[r][nl] == null) {
                    dz[r][nl] = slot(DZ, r, nl).assign(0);
                }
                penalties.addCodeGradient(z[r][nl], w(0), dz[r][nl]);
            }
            for (int k = nl - 1; k >= 0; k--) {
                INDArray dNet = dz[r][k + 1];
                if (dNet != null) {
                    fused.activationBackward(act(k + 1), netUp[r][k + 1], z[r][k + 1], dNet, dNet);
                    if (r > 0 && k + 1 < nl) {
                        du[r - 1][k + 1] = add(du[r - 1][k + 1], DU, r - 1, k + 1, dNet); // net = y + u: to u ...
                    }
                }
                INDArray dY = dNet; // ... and to y, which also receives the paired-neuron gradient
                if (dy[r][k + 1] != null) {
                    if (dY == null) {
                        dY = dy[r][k + 1];
                    } else {
                        fused.addInto(dY, dy[r][k + 1]);
                    }
                }
                if (dY == null) {
                    continue;
                }
                gradGemm(LmserParams.weight(k), z[r][k], dY, grads);
                if (conf.isBiases()) {
                    gradBias(LmserParams.bias(k), dY, grads);
                }
                if (k > 0) {
                    dz[r][k] = gemmInto(dz[r][k], DZ, r, k, dY, w(k), false, true);
                } else if (inputGradient) {
                    if (dx == null) {
                        dx = fresh(n0);
                        Fused.gemm(dY, w(0), dx, false, true, false);
                    } else {
                        Fused.gemm(dY, w(0), dx, false, true, true);
                    }
                }
            }
        }
        if (penalties != null) {
            penalties.addWeightGradient(z[last][nl], w(0), grads.get(LmserParams.weight(0)));
        }
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            if (!written.contains(e.getKey())) {
                e.getValue().assign(0);
            }
        }
        return dx;
    }

    /** {@code src} copied into slot (kind, last, k): a contiguous array the fused loops accept. */
    private INDArray copyToSlot(INDArray src, int kind, int k) {
        INDArray s = slot(kind, last, k);
        s.assign(src);
        return s;
    }

    /** Gradients of top-down level k: out = tk1 · D_kᵀ + c_k, given dOut. */
    private void accumulateDown(int k, INDArray dOut, INDArray tk1, Map<String, INDArray> grads) {
        INDArray g = grads.get(dKey(k));
        Fused.gemm(dOut, tk1, g, true, false, !written.add(dKey(k)));
        if (conf.isBiases()) {
            gradBias(LmserParams.topDownBias(k), dOut, grads);
        }
    }

    private void gradGemm(String key, INDArray zk, INDArray dY, Map<String, INDArray> grads) {
        Fused.gemm(zk, dY, grads.get(key), true, false, !written.add(key));
    }

    private void gradBias(String key, INDArray dOut, Map<String, INDArray> grads) {
        fused.columnSums(dOut, grads.get(key), !written.add(key));
    }

    /** acc + v, accumulating in acc; v copied into slot (kind, r, k) when acc is empty (no two slots share an array). */
    private INDArray add(INDArray acc, int kind, int r, int k, INDArray v) {
        if (acc == null) {
            INDArray s = slot(kind, r, k);
            fused.copy(v, s);
            return s;
        }
        fused.addInto(acc, v);
        return acc;
    }

    /** acc + op(a)·op(b) by one GEMM; into slot (kind, r, k) when acc is empty. */
    private INDArray gemmInto(INDArray acc, int kind, int r, int k, INDArray a, INDArray b, boolean ta, boolean tb) {
        INDArray c = acc == null ? slot(kind, r, k) : acc;
        Fused.gemm(a, b, c, ta, tb, acc != null);
        return c;
    }

    static boolean supports(List<LmserLevel> levels, long[] inputShape, DataType type) {
        if (inputShape == null || inputShape.length != 1
                || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            return false;
        }
        for (LmserLevel l : levels) {
            if (l.isConv()) {
                return false;
            }
        }
        return true;
    }
}
