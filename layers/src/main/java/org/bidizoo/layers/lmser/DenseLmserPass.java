package org.bidizoo.layers.lmser;

import java.util.List;
import java.util.Map;

import org.bidizoo.layers.runtime.LayerPass;
import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The forward and backward pass of an all-dense Lmser stack written by hand with GEMMs: the same
 * function as {@link LmserGraph} defines, without SameDiff's per-call overhead. One instance holds
 * the activities of one forward pass so that the backward pass can reuse them.
 */
final class DenseLmserPass implements LayerPass {
    private final LmserLayer conf;
    private final Map<String, INDArray> params;
    private final int nl;
    private final int last;
    private final boolean codeOnly;

    // [reflection][activity]
    private final INDArray[][] y;
    private final INDArray[][] netUp;
    private final INDArray[][] z;
    private final INDArray[][] u;
    private final INDArray[][] netDown;
    private final INDArray[][] t;
    private INDArray recon;
    private INDArray xhat;

    DenseLmserPass(LmserLayer conf, Map<String, INDArray> params) {
        this.conf = conf;
        this.params = params;
        this.nl = conf.getLevels().size();
        this.last = conf.getReflections() - 1;
        this.codeOnly = conf.getOutput() == LmserOutput.CODE;
        int r = conf.getReflections();
        y = new INDArray[r][nl + 1];
        netUp = new INDArray[r][nl + 1];
        z = new INDArray[r][nl + 1];
        u = new INDArray[r][nl + 1];
        netDown = new INDArray[r][nl + 1];
        t = new INDArray[r][nl + 1];
    }

    private INDArray w(int k) {
        return params.get(LmserParams.weight(k));
    }

    private INDArray d(int k) {
        return params.get(conf.isTiedWeights() ? LmserParams.weight(k) : LmserParams.decoderWeight(k));
    }

    private Activation act(int activity) {
        return activity == nl ? conf.getCodeActivation() : conf.getActivation();
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
        for (int r = 0; r <= last; r++) {
            z[r][0] = x;
            for (int k = 0; k < nl; k++) {
                INDArray yk = z[r][k].mmul(w(k));
                if (conf.isBiases()) {
                    yk.addiRowVector(params.get(LmserParams.bias(k)));
                }
                y[r][k + 1] = yk;
                netUp[r][k + 1] = r > 0 && k + 1 < nl ? yk.add(u[r - 1][k + 1]) : yk;
                z[r][k + 1] = ActivationAdjoint.forward(act(k + 1), netUp[r][k + 1]);
            }
            if (r == last && codeOnly) {
                break;
            }
            t[r][nl] = training && conf.getCodeNoise() > 0 ? withCodeNoise(z[r][nl]) : z[r][nl];
            for (int k = nl - 1; k >= 1; k--) {
                u[r][k] = down(k, t[r][k + 1]);
                if (k == 1 && r < last) {
                    break;
                }
                INDArray paired = !conf.isPairedNeurons() ? null
                        : conf.getPairing() == Pairing.ACTIVITY ? z[r][k] : y[r][k];
                netDown[r][k] = paired == null ? u[r][k] : paired.add(u[r][k]);
                t[r][k] = ActivationAdjoint.forward(conf.getActivation(), netDown[r][k]);
            }
            if (r == last) {
                recon = down(0, t[r][1]);
                xhat = ActivationAdjoint.forward(conf.getOutputActivation(), recon);
            }
        }
        INDArray code = z[last][nl];
        switch (conf.getOutput()) {
            case RECONSTRUCTION:
                return xhat == recon ? xhat.dup() : xhat;
            case CODE:
                return code == netUp[last][nl] ? code.dup() : code;
            default:
                return Nd4j.hstack(xhat, code);
        }
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
     * @return dL/dx, {@code [b, nIn]}
     */
    @Override
    public INDArray backward(INDArray eps, Map<String, INDArray> grads) {
        for (INDArray g : grads.values()) {
            g.assign(0);
        }
        long n0 = conf.shapes().inputSize();
        INDArray[][] dz = new INDArray[last + 1][nl + 1];
        INDArray[][] dy = new INDArray[last + 1][nl + 1];
        INDArray[][] du = new INDArray[last + 1][nl + 1];
        INDArray dxhat = null;
        switch (conf.getOutput()) {
            case RECONSTRUCTION:
                dxhat = eps;
                break;
            case CODE:
                dz[last][nl] = eps.dup();
                break;
            default:
                dxhat = eps.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n0));
                dz[last][nl] = eps.get(NDArrayIndex.all(), NDArrayIndex.interval(n0, eps.size(1))).dup();
        }
        INDArray dx = null;
        for (int r = last; r >= 0; r--) {
            boolean topDown = !(r == last && codeOnly);
            if (topDown) {
                INDArray[] dt = new INDArray[nl + 1];
                if (r == last) {
                    INDArray dRecon = ActivationAdjoint.backwardInPlace(conf.getOutputActivation(), recon, xhat,
                            dxhat.dup());
                    accumulateDown(0, dRecon, t[r][1], grads);
                    dt[1] = dRecon.mmul(d(0));
                }
                for (int k = 1; k < nl; k++) {
                    if (t[r][k] != null && dt[k] != null) {
                        INDArray dNet = ActivationAdjoint.backwardInPlace(conf.getActivation(), netDown[r][k], t[r][k],
                                dt[k]);
                        du[r][k] = add(du[r][k], dNet);
                        if (conf.isPairedNeurons()) {
                            if (conf.getPairing() == Pairing.ACTIVITY) {
                                dz[r][k] = add(dz[r][k], dNet);
                            } else {
                                dy[r][k] = add(dy[r][k], dNet);
                            }
                        }
                    }
                    if (du[r][k] != null) {
                        accumulateDown(k, du[r][k], t[r][k + 1], grads);
                        dt[k + 1] = add(dt[k + 1], du[r][k].mmul(d(k)));
                    }
                }
                if (dt[nl] != null) {
                    dz[r][nl] = add(dz[r][nl], dt[nl]);
                }
            }
            for (int k = nl - 1; k >= 0; k--) {
                INDArray dNet = dz[r][k + 1] == null ? null
                        : ActivationAdjoint.backwardInPlace(act(k + 1), netUp[r][k + 1], z[r][k + 1], dz[r][k + 1]);
                if (dNet != null && r > 0 && k + 1 < nl) {
                    du[r - 1][k + 1] = add(du[r - 1][k + 1], dNet); // net = y + u: dNet flows to u ...
                }
                INDArray dY = dNet; // ... and to y, which also receives the paired-neuron gradient
                if (dy[r][k + 1] != null) {
                    dY = dY == null ? dy[r][k + 1] : dY.addi(dy[r][k + 1]);
                }
                if (dY == null) {
                    continue;
                }
                Nd4j.gemm(z[r][k], dY, grads.get(LmserParams.weight(k)), true, false, 1.0, 1.0);
                if (conf.isBiases()) {
                    grads.get(LmserParams.bias(k)).addi(dY.sum(true, 0));
                }
                INDArray back = Nd4j.gemm(dY, w(k), false, true);
                if (k > 0) {
                    dz[r][k] = add(dz[r][k], back);
                } else {
                    dx = add(dx, back);
                }
            }
        }
        return dx;
    }

    /** Gradients of top-down level k: out = tk1 · D_kᵀ + c_k, given dOut. */
    private void accumulateDown(int k, INDArray dOut, INDArray tk1, Map<String, INDArray> grads) {
        String key = conf.isTiedWeights() ? LmserParams.weight(k) : LmserParams.decoderWeight(k);
        Nd4j.gemm(dOut, tk1, grads.get(key), true, false, 1.0, 1.0);
        if (conf.isBiases()) {
            grads.get(LmserParams.topDownBias(k)).addi(dOut.sum(true, 0));
        }
    }

    /** acc + v, accumulating in acc; a fresh copy of v when acc is empty, so no two slots share an array. */
    private static INDArray add(INDArray acc, INDArray v) {
        return acc == null ? v.dup() : acc.addi(v);
    }

    static boolean supports(List<LmserLevel> levels, long[] inputShape) {
        if (inputShape == null || inputShape.length != 1) {
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
