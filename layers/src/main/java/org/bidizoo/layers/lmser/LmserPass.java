package org.bidizoo.layers.lmser;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bidizoo.layers.runtime.ConvKernels;
import org.bidizoo.layers.runtime.Fused;
import org.bidizoo.layers.runtime.LayerPass;
import org.bidizoo.layers.runtime.StepArrays;
import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.bidizoo.layers.transpose.ConvGeometry;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The forward and backward pass of an Lmser stack written by hand — dense levels with GEMMs,
 * convolutional levels with libnd4j's convolution kernels ({@link ConvKernels}): the same function as
 * {@link LmserGraph} defines, without SameDiff's per-call overhead. One instance holds the activities of
 * one forward pass so that the backward pass can reuse them. Activities are {@code [b, n]} (dense) or
 * {@code [b, C, H, W]} (convolutional); a dense level reads and writes a convolutional activity through
 * its flat {@code [b, C·H·W]} view.
 *
 * <p>Every per-step array is a slot of a {@link StepArrays} that the layer keeps from step to step:
 * GEMMs write into them ({@link Fused#gemm}, accumulating where a gradient has several terms) and the
 * element-wise chains (bias + paired-neuron term + activation, the activation's derivative, bias
 * gradients) are single {@link Fused} loops. Only the layer output and dL/dx are fresh arrays (in the
 * caller's workspace), and dL/dx is not computed at all when the layer is told nobody needs it
 * ({@link LmserLayer#isInputGradient()}).
 */
final class LmserPass implements LayerPass {
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
    private static final int TMP = 15;
    private static final int GW = 16;
    private static final int GB = 17;
    private static final int GC = 18;

    private final LmserLayer conf;
    private final Map<String, INDArray> params;
    private final StepArrays arrays;
    private final Fused fused;
    private final boolean inputGradient;
    private final int nl;
    private final int last;
    private final boolean codeOnly;
    private final LmserShapes shapes;
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
    LmserPass(LmserLayer conf, Map<String, INDArray> params, StepArrays arrays, boolean inputGradient) {
        this.conf = conf;
        this.params = params;
        this.arrays = arrays;
        this.fused = new Fused(arrays);
        this.inputGradient = inputGradient;
        this.nl = conf.getLevels().size();
        this.last = conf.getReflections() - 1;
        this.codeOnly = conf.getOutput() == LmserOutput.CODE;
        this.shapes = conf.shapes();
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
    LmserPass(LmserLayer conf, Map<String, INDArray> params) {
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
        return shapes.size(activity);
    }

    /** @return {@code [batch, ...shape of activity k]} */
    private long[] batchShape(int k) {
        long[] s = shapes.shape(k);
        long[] full = new long[s.length + 1];
        full[0] = batch;
        System.arraycopy(s, 0, full, 1, s.length);
        return full;
    }

    /** The slot {@code kind} of reflection r, activity k: {@code [batch, ...shape(k)]}. */
    private INDArray slot(int kind, int r, int k) {
        return arrays.get((kind << 20) | (r << 10) | k, type, batchShape(k));
    }

    /** A fresh array shaped as activity k, in the current workspace (or none): for what leaves the layer. */
    private INDArray fresh(int k) {
        return Nd4j.createUninitialized(type, batchShape(k), 'c');
    }

    /** @return a {@code [b, n]} view of a contiguous activity (the array itself when already 2-D) */
    private static INDArray flat(INDArray a) {
        return a == null || a.rank() == 2 ? a : a.reshape('c', a.size(0), a.length() / a.size(0));
    }

    private boolean isConv(int level) {
        return conf.getLevels().get(level).isConv();
    }

    private ConvGeometry geometry(int level) {
        return conf.getLevels().get(level).geometry();
    }

    /** @return level k's bottom-up bias as the rank-1 {@code [C]} the convolution kernels take, or null */
    private INDArray channelBias(int k) {
        return conf.isBiases() ? bias(k).reshape(-1) : null;
    }

    /** The bias netActivate adds after level k bottom-up: a conv level's bias is added by the convolution. */
    private INDArray upBias(int k) {
        return isConv(k) ? null : bias(k);
    }

    /** The bias netActivate adds after level k top-down: a conv level's is added per channel in {@link #down}. */
    private INDArray downBias(int k) {
        return isConv(k) ? null : topDownBias(k);
    }

    /** Level k bottom-up into {@code out} (activity k+1): W_k z_k (+ b_k for a conv level). */
    private void up(int k, INDArray zk, INDArray out) {
        if (isConv(k)) {
            ConvGeometry g = geometry(k);
            ConvKernels.conv(zk, w(k), channelBias(k), g, g, out);
        } else {
            Fused.gemm(flat(zk), w(k), out, false, false, false);
        }
    }

    /** Level k top-down into {@code out} (activity k): W_kᵀ t (+ c_k for a conv level). */
    private void down(int k, INDArray t, INDArray out) {
        if (isConv(k)) {
            ConvGeometry g = geometry(k);
            ConvKernels.convT(t, d(k), g, g, out);
            if (conf.isBiases()) {
                // the fused (vector) loop, not convT's bias argument, which adds it by a libnd4j broadcast op
                fused.addChannelBias(out, topDownBias(k));
            }
        } else {
            Fused.gemm(t, d(k), flat(out), false, true, false);
        }
    }

    /** {@link Fused#netActivate} on flat views when a row bias is added, so a dense level's bias lines up. */
    private void activate(Activation a, INDArray y, INDArray bias, INDArray extra, INDArray net, INDArray out) {
        if (bias == null) {
            fused.netActivate(a, y, null, extra, net, out);
        } else {
            fused.netActivate(a, flat(y), bias, flat(extra), flat(net), flat(out));
        }
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
                up(k, z[r][k], yk);
                INDArray extra = r > 0 && k + 1 < nl ? u[r - 1][k + 1] : null;
                INDArray net = extra != null && keepY ? slot(NET_UP, r, k + 1) : yk;
                boolean codeOut = r == last && k + 1 == nl && codeOnly;
                Activation a = act(k + 1);
                INDArray zk = codeOut ? (out = fresh(nl)) : a == Activation.IDENTITY ? net : slot(Z, r, k + 1);
                activate(a, yk, upBias(k), extra, net, zk);
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
                down(k, t[r][k + 1], uk);
                u[r][k] = uk;
                if (k == 1 && r < last) {
                    activate(Activation.IDENTITY, uk, downBias(k), null, uk, uk);
                    break;
                }
                INDArray paired = !conf.isPairedNeurons() ? null
                        : conf.getPairing() == Pairing.ACTIVITY ? z[r][k] : y[r][k];
                INDArray net = paired == null ? uk : slot(NET_DOWN, r, k);
                Activation a = conf.getActivation();
                INDArray tk = a == Activation.IDENTITY ? net : slot(T, r, k);
                activate(a, uk, downBias(k), paired, net, tk);
                netDown[r][k] = net;
                t[r][k] = tk;
            }
            if (r == last) {
                recon = slot(RECON, r, 0);
                down(0, t[r][1], recon);
                xhat = conf.getOutput() == LmserOutput.RECONSTRUCTION ? (out = fresh(0)) : slot(XHAT, r, 0);
                activate(conf.getOutputActivation(), recon, downBias(0), null, recon, xhat);
            }
        }
        if (conf.getOutput() == LmserOutput.BOTH) {
            out = Nd4j.hstack(flat(xhat), flat(z[last][nl]));
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
        type = w(0).dataType();
        batch = code.size(0);
        INDArray top = shapes.isConv(nl) ? code.reshape('c', batchShape(nl)) : code;
        INDArray tk = top;
        for (int k = nl - 1; k >= 1; k--) {
            tk = ActivationAdjoint.forward(conf.getActivation(), downFresh(k, tk));
        }
        INDArray out = ActivationAdjoint.forward(conf.getOutputActivation(), downFresh(0, tk));
        for (int r = 1; r < reflections; r++) {
            INDArray[] zz = new INDArray[nl + 1];
            INDArray[] yy = new INDArray[nl + 1];
            zz[0] = out;
            for (int k = 0; k < nl - 1; k++) {
                yy[k + 1] = upFresh(k, zz[k]);
                zz[k + 1] = ActivationAdjoint.forward(conf.getActivation(), yy[k + 1]);
            }
            tk = top;
            for (int k = nl - 1; k >= 1; k--) {
                INDArray uk = downFresh(k, tk);
                INDArray paired = !conf.isPairedNeurons() ? null
                        : conf.getPairing() == Pairing.ACTIVITY ? zz[k] : yy[k];
                tk = ActivationAdjoint.forward(conf.getActivation(), paired == null ? uk : paired.add(uk));
            }
            out = ActivationAdjoint.forward(conf.getOutputActivation(), downFresh(0, tk));
        }
        return out;
    }

    /** Level k bottom-up with its bias, into a fresh array (one-off calls). */
    private INDArray upFresh(int k, INDArray zk) {
        INDArray out = fresh(k + 1);
        up(k, zk, out);
        if (!isConv(k) && conf.isBiases()) {
            out.addiRowVector(bias(k));
        }
        return out;
    }

    /** Level k top-down with its bias, into a fresh array shaped as activity k (one-off calls). */
    private INDArray downFresh(int k, INDArray tk1) {
        INDArray out = fresh(k);
        down(k, tk1, out);
        if (!isConv(k) && conf.isBiases()) {
            flat(out).addiRowVector(topDownBias(k));
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
                    dt[1] = downBackward(0, r, dRecon, t[r][1], null, grads);
                }
                for (int k = 1; k < nl; k++) {
                    if (t[r][k] != null && dt[k] != null) {
                        INDArray dNet = dt[k];
                        fused.activationBackward(conf.getActivation(), netDown[r][k], t[r][k], dNet, dNet);
                        // dNet (slot DT of r, k) is read by no one else: du and the paired gradient take it as their
                        // first term without a copy. du[r][k] is last read by downBackward below, before anything is
                        // added to the paired gradient, so the two may share it.
                        du[r][k] = accumulate(du[r][k], dNet);
                        if (conf.isPairedNeurons()) {
                            if (conf.getPairing() == Pairing.ACTIVITY) {
                                dz[r][k] = accumulate(dz[r][k], dNet);
                            } else {
                                dy[r][k] = accumulate(dy[r][k], dNet);
                            }
                        }
                    }
                    if (du[r][k] != null) {
                        dt[k + 1] = downBackward(k, r, du[r][k], t[r][k + 1], dt[k + 1], grads);
                    }
                }
                if (dt[nl] != null) {
                    dz[r][nl] = accumulate(dz[r][nl], dt[nl]);
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
                if (isConv(k)) {
                    dx = convUpBackward(k, r, dY, dz, dx, grads);
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
                        dx = fresh(0);
                        Fused.gemm(dY, w(0), flat(dx), false, true, false);
                    } else {
                        Fused.gemm(dY, w(0), flat(dx), false, true, true);
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
        flat(s).assign(src.rank() == 2 ? src : src.reshape(src.size(0), -1));
        return s;
    }

    /**
     * Gradients of top-down level k ({@code u_k = W_kᵀ t_{k+1} + c_k}) given dL/du_k: the weight and bias
     * gradients accumulated, dL/dt_{k+1} added to {@code acc} (or into a slot when acc is empty).
     *
     * @return dL/dt_{k+1} so far
     */
    private INDArray downBackward(int k, int r, INDArray dU, INDArray tk1, INDArray acc, Map<String, INDArray> grads) {
        if (!isConv(k)) {
            accumulateDown(k, flat(dU), tk1, grads);
            return gemmInto(acc, DT, r, k + 1, flat(dU), d(k), false, false);
        }
        ConvGeometry g = geometry(k);
        INDArray target = acc == null ? slot(DT, r, k + 1) : slot(TMP, 0, k + 1);
        INDArray gw = gradSlot(GW, k, d(k));
        INDArray c = conf.isBiases() ? topDownBias(k).reshape(-1) : null;
        INDArray gc = c == null ? null : gradSlot(GC, k, c);
        ConvKernels.convTBackward(tk1, d(k), c, dU, g, g, target, gw, gc);
        accumulateGrad(dKey(k), gw, grads);
        if (gc != null) {
            accumulateGrad(LmserParams.topDownBias(k), gc, grads);
        }
        if (acc == null) {
            return target;
        }
        fused.addInto(acc, target);
        return acc;
    }

    /**
     * Gradients of convolutional level k bottom-up given dL/dy_{k+1}: weight and bias gradients
     * accumulated, dL/dz_k added to {@code dz[r][k]} (level 0: to dL/dx when the input gradient is wanted).
     *
     * @return dL/dx so far (level 0), else {@code dx} unchanged
     */
    private INDArray convUpBackward(int k, int r, INDArray dY, INDArray[][] dz, INDArray dx,
                                    Map<String, INDArray> grads) {
        ConvGeometry g = geometry(k);
        INDArray gw = gradSlot(GW, k, w(k));
        INDArray b = channelBias(k);
        INDArray gb = b == null ? null : gradSlot(GB, k, b);
        if (k == 0 && !inputGradient) { // nothing reads dL/dx: the weight and bias gradients alone
            ConvKernels.convWeightGradient(z[r][k], w(k), b, dY, g, g, gw, gb);
            accumulateGrad(LmserParams.weight(k), gw, grads);
            if (gb != null) {
                accumulateGrad(LmserParams.bias(k), gb, grads);
            }
            return null;
        }
        INDArray target;
        if (k > 0) {
            target = dz[r][k] == null ? slot(DZ, r, k) : slot(TMP, 0, k);
        } else {
            target = inputGradient && dx == null ? fresh(0) : slot(TMP, 0, 0);
        }
        ConvKernels.convBackward(z[r][k], w(k), b, dY, g, g, target, gw, gb);
        accumulateGrad(LmserParams.weight(k), gw, grads);
        if (gb != null) {
            accumulateGrad(LmserParams.bias(k), gb, grads);
        }
        if (k > 0) {
            if (dz[r][k] == null) {
                dz[r][k] = target;
            } else {
                fused.addInto(dz[r][k], target);
            }
            return dx;
        }
        if (!inputGradient) {
            return null;
        }
        if (dx == null) {
            return target;
        }
        dx.addi(target);
        return dx;
    }

    /** A per-step array shaped as {@code like} for a kernel's gradient output (kind GW or GB, level k). */
    private INDArray gradSlot(int kind, int k, INDArray like) {
        return arrays.get((kind << 20) | k, type, like.shape());
    }

    /** The gradient of {@code key} set to {@code src} (first term) or increased by it. */
    private void accumulateGrad(String key, INDArray src, Map<String, INDArray> grads) {
        INDArray g = grads.get(key);
        if (written.add(key)) {
            fused.copy(src, g);
        } else {
            fused.addInto(g, src);
        }
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
        Fused.gemm(flat(zk), dY, grads.get(key), true, false, !written.add(key));
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

    /** acc + v, accumulating in acc; v itself when acc is empty (v must then be read by nothing else). */
    private INDArray accumulate(INDArray acc, INDArray v) {
        if (acc == null) {
            return v;
        }
        fused.addInto(acc, v);
        return acc;
    }

    /** acc + op(a)·op(b) by one GEMM; into slot (kind, r, k) when acc is empty. */
    private INDArray gemmInto(INDArray acc, int kind, int r, int k, INDArray a, INDArray b, boolean ta, boolean tb) {
        INDArray c = acc == null ? slot(kind, r, k) : acc;
        Fused.gemm(a, b, flat(c), ta, tb, acc != null);
        return c;
    }

    static boolean supports(List<LmserLevel> levels, long[] inputShape, DataType type) {
        return inputShape != null && (inputShape.length == 1 || inputShape.length == 3)
                && (type == DataType.FLOAT || type == DataType.DOUBLE);
    }
}
