package org.bidizoo.layers.runtime;

import java.util.Arrays;

import org.bidizoo.layers.samediff.SdActivations;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Fused element-wise steps of the hand-written runtimes, as single Java loops over the arrays' host
 * memory ({@link HostMemory}): bias + paired-neuron term + activation in one pass forward, the
 * activation's derivative times a gradient in one pass backward, sums and copies. Activations with a
 * transcendental function (tanh, ELU, softplus; sigmoid on doubles) compute it with one in-place libnd4j op,
 * which is vectorised; everything piecewise linear stays in the loop, and a float sigmoid runs
 * {@link FloatKernels#sigmoid} (its own exponential: the same bits in every loop and JIT tier). Float arrays run
 * {@link FloatKernels}' loops (no virtual call, no branch on a sign); these generic loops serve doubles and are those
 * loops' reference. Same definitions as {@link SdActivations} (LEAKYRELU slope {@value SdActivations#LEAKY_ALPHA}, derivative 0 at 0 for ReLU).
 *
 * <p>Arrays are 2-D {@code [rows, cols]} (or rank 1 for a row vector; rank 4 {@code [b, C, H, W]} for
 * the element-wise steps without a row bias and for the per-channel ones), contiguous, c order, of one
 * data type; host memory comes from a {@link StepArrays} cache, so the arrays should be long-lived.
 */
public final class Fused {
    private final StepArrays arrays;

    /** @param arrays the cache of host-memory views */
    public Fused(StepArrays arrays) {
        this.arrays = arrays;
    }

    /** @param a an array @return whether the fused loops accept it */
    public static boolean supports(INDArray a) {
        return HostMemory.supports(a);
    }

    /**
     * Forward step of one level: {@code v = y + bias} (row-broadcast), {@code net = v + extra},
     * {@code out = act(net)}. When {@code net != y}, y is overwritten with v (so it keeps the bias);
     * {@code net == y} is allowed, {@code out == net} only for IDENTITY.
     *
     * @param act   the activation
     * @param y     {@code [b, n]}, a GEMM result
     * @param bias  {@code [n]} or {@code [1, n]}, or null
     * @param extra {@code [b, n]} added after the bias (the paired-neuron or top-down term), or null
     * @param net   {@code [b, n]} receives the pre-activation
     * @param out   {@code [b, n]} receives act(net)
     */
    public void netActivate(Activation act, INDArray y, INDArray bias, INDArray extra, INDArray net, INDArray out) {
        check(y, net, out, extra);
        int cols = (int) y.size(y.rank() - 1);
        HostMemory my = arrays.memory(y);
        HostMemory mb = bias == null ? null : arrays.memory(bias);
        HostMemory me = extra == null ? null : arrays.memory(extra);
        HostMemory mn = arrays.memory(net);
        HostMemory mo = arrays.memory(out);
        boolean keepY = net != y;
        boolean writeOut = out != net;
        if (!writeOut && act != Activation.IDENTITY) {
            throw new IllegalArgumentException("out == net is only allowed for IDENTITY, got " + act);
        }
        int mode = switch (act) {
            case RELU -> 1;
            case LEAKYRELU -> 2;
            case IDENTITY -> 0;
            case SIGMOID, TANH, ELU, SOFTPLUS -> 0; // linear part here, the function below
            default -> throw unsupported(act);
        };
        int n = (int) my.length();
        if (mb != null && mb.length() != cols) {
            throw new IllegalArgumentException("bias of length " + mb.length() + " for " + cols + " columns");
        }
        double alpha = SdActivations.LEAKY_ALPHA;
        if (my.isFloat() && (mb == null || mb.isFloat())) {
            FloatKernels.netActivate(my.address(), mb == null ? 0 : mb.address(), cols, me == null ? 0 : me.address(),
                    mn.address(), mo.address(), n, keepY, writeOut, mode, (float) alpha);
            if (act == Activation.SIGMOID) {
                FloatKernels.sigmoid(mo.address(), n);
            } else {
                transcendental(act, out);
            }
            return;
        }
        for (int i = 0, c = 0; i < n; i++) {
            double v = my.get(i);
            if (mb != null) {
                v += mb.get(c);
            }
            if (keepY) {
                my.set(i, v);
            }
            if (me != null) {
                v += me.get(i);
            }
            mn.set(i, v);
            if (writeOut) {
                mo.set(i, mode == 1 ? (v > 0 ? v : 0) : mode == 2 ? (v > 0 ? v : alpha * v) : v);
            }
            if (++c == cols) {
                c = 0;
            }
        }
        transcendental(act, out);
    }

    /** The transcendental part of an activation, in place by one vectorised libnd4j op (none for the others). */
    private static void transcendental(Activation act, INDArray out) {
        switch (act) {
            case SIGMOID -> Transforms.sigmoid(out, false);
            case TANH -> Transforms.tanh(out, false);
            case ELU -> Transforms.elu(out, false);
            case SOFTPLUS -> Transforms.softPlus(out, false);
            default -> {
            }
        }
    }

    /**
     * Backward step of an activation: {@code dst = src · act'(pre)}, with act' from the pre-activation or
     * the output, whichever is cheaper. {@code dst == src} is allowed.
     *
     * @param act the activation
     * @param pre pre-activation {@code [b, n]}
     * @param out act(pre) {@code [b, n]}
     * @param src dL/d(out)
     * @param dst receives dL/d(pre)
     */
    public void activationBackward(Activation act, INDArray pre, INDArray out, INDArray src, INDArray dst) {
        check(pre, out, src, dst);
        HostMemory mp = arrays.memory(pre);
        HostMemory mo = arrays.memory(out);
        HostMemory ms = arrays.memory(src);
        HostMemory md = arrays.memory(dst);
        int n = (int) mp.length();
        if (mp.isFloat() && floatBackward(act, mp, mo, ms, md, n)) {
            return;
        }
        switch (act) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    md.set(i, mp.get(i) > 0 ? ms.get(i) : 0);
                }
                break;
            case LEAKYRELU:
                for (int i = 0; i < n; i++) {
                    double g = ms.get(i);
                    md.set(i, mp.get(i) > 0 ? g : SdActivations.LEAKY_ALPHA * g);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    double o = mo.get(i);
                    md.set(i, ms.get(i) * o * (1 - o));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    double o = mo.get(i);
                    md.set(i, ms.get(i) * (1 - o * o));
                }
                break;
            case ELU:
                for (int i = 0; i < n; i++) {
                    double g = ms.get(i);
                    md.set(i, mp.get(i) > 0 ? g : g * (mo.get(i) + 1));
                }
                break;
            case SOFTPLUS:
                for (int i = 0; i < n; i++) {
                    md.set(i, ms.get(i) / (1 + Math.exp(-mp.get(i))));
                }
                break;
            case IDENTITY:
                if (src != dst) {
                    copy(src, dst);
                }
                break;
            default:
                throw unsupported(act);
        }
    }

    /** {@link #activationBackward} on floats where {@link FloatKernels} has the loop; false where it has not */
    private static boolean floatBackward(Activation act, HostMemory mp, HostMemory mo, HostMemory ms, HostMemory md,
                                         long n) {
        switch (act) {
            case RELU -> FloatKernels.reluBackward(mp.address(), ms.address(), md.address(), n, 0f);
            case LEAKYRELU -> FloatKernels.reluBackward(mp.address(), ms.address(), md.address(), n,
                    (float) SdActivations.LEAKY_ALPHA);
            case SIGMOID -> FloatKernels.sigmoidBackward(mo.address(), ms.address(), md.address(), n);
            case TANH -> FloatKernels.tanhBackward(mo.address(), ms.address(), md.address(), n);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** @param src source @param dst receives a copy of src (same length) */
    public void copy(INDArray src, INDArray dst) {
        check(src, dst, null, null);
        HostMemory ms = arrays.memory(src);
        HostMemory md = arrays.memory(dst);
        HostMemory.UNSAFE.copyMemory(ms.address(), md.address(), ms.length() * src.dataType().width());
    }

    /** @param dst accumulates {@code dst += src} @param src same length */
    public void addInto(INDArray dst, INDArray src) {
        check(src, dst, null, null);
        HostMemory ms = arrays.memory(src);
        HostMemory md = arrays.memory(dst);
        int n = (int) ms.length();
        if (ms.isFloat()) {
            FloatKernels.addInto(md.address(), ms.address(), n);
            return;
        }
        for (int i = 0; i < n; i++) {
            md.set(i, md.get(i) + ms.get(i));
        }
    }

    /**
     * Column sums, the gradient of a row-broadcast bias.
     *
     * @param src        {@code [b, n]}
     * @param dst        {@code [n]} or {@code [1, n]}
     * @param accumulate add to dst instead of overwriting it
     */
    public void columnSums(INDArray src, INDArray dst, boolean accumulate) {
        HostMemory ms = arrays.memory(src);
        HostMemory md = arrays.memory(dst);
        int cols = (int) md.length();
        if (src.size(src.rank() - 1) != cols) {
            throw new IllegalArgumentException("column sums of " + Arrays.toString(src.shape()) + " into " + cols
                    + " elements");
        }
        int rows = (int) (ms.length() / cols);
        double[] acc = new double[cols]; // in registers and cache, not a store to the gradient per element
        if (ms.isFloat()) {
            FloatKernels.columnSums(ms.address(), cols, rows, acc);
        } else {
            sumColumns(ms, cols, rows, acc);
        }
        for (int c = 0; c < cols; c++) {
            md.set(c, accumulate ? md.get(c) + acc[c] : acc[c]);
        }
    }

    private static void sumColumns(HostMemory ms, int cols, int rows, double[] acc) {
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                acc[c] += ms.get(i);
            }
        }
    }

    /**
     * Adds a per-channel bias in place: {@code a[b, c, h, w] += bias[c]}.
     *
     * @param a    {@code [b, C, H, W]}
     * @param bias {@code [C]} or {@code [1, C]}
     */
    public void addChannelBias(INDArray a, INDArray bias) {
        HostMemory ma = arrays.memory(a);
        HostMemory mb = arrays.memory(bias);
        int channels = (int) a.size(1);
        if (a.rank() != 4 || mb.length() != channels) {
            throw new IllegalArgumentException("channel bias of length " + mb.length() + " for an array of shape "
                    + Arrays.toString(a.shape()) + "; expected [b, " + mb.length() + ", H, W]");
        }
        int plane = (int) (a.size(2) * a.size(3));
        int n = (int) ma.length();
        if (ma.isFloat() && mb.isFloat()) {
            FloatKernels.addChannelBias(ma.address(), mb.address(), channels, plane, n);
            return;
        }
        for (int i = 0, c = 0; i < n; i += plane, c = c + 1 == channels ? 0 : c + 1) {
            double b = mb.get(c);
            for (int j = i; j < i + plane; j++) {
                ma.set(j, ma.get(j) + b);
            }
        }
    }

    /**
     * Per-channel sums, the gradient of a per-channel bias: {@code dst[c] (+)= Σ_{b,h,w} src[b, c, h, w]}.
     *
     * @param src        {@code [b, C, H, W]}
     * @param dst        {@code [C]} or {@code [1, C]}
     * @param accumulate add to dst instead of overwriting it
     */
    public void channelSums(INDArray src, INDArray dst, boolean accumulate) {
        HostMemory ms = arrays.memory(src);
        HostMemory md = arrays.memory(dst);
        int channels = (int) md.length();
        if (src.rank() != 4 || src.size(1) != channels) {
            throw new IllegalArgumentException("channel sums of " + Arrays.toString(src.shape()) + " into " + channels
                    + " elements; expected [b, " + channels + ", H, W]");
        }
        int plane = (int) (src.size(2) * src.size(3));
        int n = (int) ms.length();
        double[] acc = new double[channels];
        if (ms.isFloat()) {
            FloatKernels.channelSums(ms.address(), channels, plane, n, acc);
        } else {
            for (int i = 0, c = 0; i < n; i += plane, c = c + 1 == channels ? 0 : c + 1) {
                double sum = 0;
                for (int j = i; j < i + plane; j++) {
                    sum += ms.get(j);
                }
                acc[c] += sum;
            }
        }
        for (int c = 0; c < channels; c++) {
            md.set(c, accumulate ? md.get(c) + acc[c] : acc[c]);
        }
    }

    /** @param a set to zero */
    public void zero(INDArray a) {
        HostMemory m = arrays.memory(a);
        int n = (int) m.length();
        for (int i = 0; i < n; i++) {
            m.set(i, 0);
        }
    }

    /**
     * {@code c = op(a) · op(b)}, or {@code c += op(a) · op(b)}: one GEMM into an existing array (see {@link Gemm}).
     *
     * @param a          left factor
     * @param b          right factor
     * @param c          the result
     * @param transA     transpose a
     * @param transB     transpose b
     * @param accumulate add to c instead of overwriting it
     * @return c
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB,
                                boolean accumulate) {
        return Gemm.gemm(a, b, c, transA, transB, accumulate);
    }

    private static void check(INDArray a, INDArray b, INDArray c, INDArray d) {
        long n = a.length();
        for (INDArray x : new INDArray[] {b, c, d}) {
            if (x != null && (x.length() != n || x.dataType() != a.dataType())) {
                throw new IllegalArgumentException("arrays " + Arrays.toString(a.shape()) + " " + a.dataType() + " and "
                        + Arrays.toString(x.shape()) + " " + x.dataType() + ": expected equal lengths and types");
            }
        }
    }

    private static IllegalArgumentException unsupported(Activation a) {
        return new IllegalArgumentException("activation " + a + " is not supported; expected one of "
                + SdActivations.supported());
    }
}
