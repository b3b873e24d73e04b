package org.bidizoo.layers.runtime;

import org.bidizoo.layers.transpose.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolution kernels for hand-written runtimes ({@code InvertiblePass} and Lmser's pass): libnd4j's convolution, transposed convolution and
 * pooling ops and their backward ops, called directly on NCHW arrays (weights
 * {@code [kH, kW, inC, outC]}, as {@link org.bidizoo.layers.transpose.TransposedOps}). The transposed
 * convolution has the same semantics as {@code TransposedOps.convT}: the adjoint of the convolution,
 * exactly the convolution's input size, zero at a far edge the stride left short.
 */
public final class ConvKernels {
    private ConvKernels() {
    }

    private static Conv2DConfig convConfig(ConvGeometry gh, ConvGeometry gw) {
        return Conv2DConfig.builder().kH(gh.kernel()).kW(gw.kernel()).sH(gh.stride()).sW(gw.stride())
                .pH(gh.padding()).pW(gw.padding()).dataFormat(Conv2DConfig.NCHW).build();
    }

    private static DeConv2DConfig deconvConfig(ConvGeometry gh, ConvGeometry gw, boolean padded) {
        return DeConv2DConfig.builder().kH(gh.kernel()).kW(gw.kernel()).sH(gh.stride()).sW(gw.stride())
                .pH(padded ? gh.padding() : 0).pW(padded ? gw.padding() : 0).dataFormat(DeConv2DConfig.NCHW).build();
    }

    /**
     * @param x    {@code [b, inC, H, W]}
     * @param w    {@code [kH, kW, inC, outC]}
     * @param bias {@code [outC]}, or null
     * @return {@code [b, outC, H', W']}
     */
    public static INDArray conv(INDArray x, INDArray w, INDArray bias, ConvGeometry gh, ConvGeometry gw) {
        long[] shape = {x.size(0), w.size(3), gh.outputSize((int) x.size(2)), gw.outputSize((int) x.size(3))};
        if (PlaneConv.supportsForward(x, w, bias, gh, gw)) {
            INDArray y = Nd4j.createUninitialized(x.dataType(), shape);
            PlaneConv.forward(x, w, bias, gh, gw, y);
            return y;
        }
        long out = shape[0] * shape[1] * shape[2] * shape[3];
        return NativeTeam.exec(new Conv2D(x, w, bias, convConfig(gh, gw)), macs(out, w))[0];
    }

    /**
     * {@link #conv} into an existing array.
     *
     * @param out {@code [b, outC, H', W']}, contiguous, overwritten
     * @return out
     */
    public static INDArray conv(INDArray x, INDArray w, INDArray bias, ConvGeometry gh, ConvGeometry gw, INDArray out) {
        if (PlaneConv.supportsForward(x, w, bias, gh, gw) && HostMemory.supportsFloats(out)
                && gh.outputSize((int) x.size(2)) == out.size(2) && gw.outputSize((int) x.size(3)) == out.size(3)) {
            PlaneConv.forward(x, w, bias, gh, gw, out);
            return out;
        }
        Conv2D op = new Conv2D(x, w, bias, convConfig(gh, gw));
        op.addOutputArgument(out);
        NativeTeam.exec(op, macs(out.length(), w));
        return out;
    }

    /**
     * @param convOut elements of the convolution's output (the transposed convolution's input)
     * @param w       {@code [kH, kW, inC, outC]}
     * @return the convolution's multiply-adds (its transpose's too)
     */
    private static long macs(long convOut, INDArray w) {
        return convOut * (w.length() / w.size(3));
    }

    /**
     * The convolution's backward pass.
     *
     * @param gradOut {@code [b, outC, H', W']}
     * @return {@code {dx, dW, dBias}} ({@code dBias} only when {@code bias} is given)
     */
    public static INDArray[] convBackward(INDArray x, INDArray w, INDArray bias, INDArray gradOut, ConvGeometry gh,
                                   ConvGeometry gw) {
        return convBackward(x, w, bias, gradOut, gh, gw, x.ulike(), w.ulike(), bias == null ? null : bias.ulike());
    }

    /**
     * {@link #convBackward} into existing arrays.
     *
     * @param dx receives dL/dx, shaped as x
     * @param dw receives dL/dW, shaped as w
     * @param db receives dL/dbias, shaped as bias (ignored when bias is null)
     * @return {@code {dx, dw, db}} ({@code db} only when {@code bias} is given)
     */
    public static INDArray[] convBackward(INDArray x, INDArray w, INDArray bias, INDArray gradOut, ConvGeometry gh,
                                          ConvGeometry gw, INDArray dx, INDArray dw, INDArray db) {
        long[] iArgs = new Conv2D(x, w, bias, convConfig(gh, gw)).iArgs();
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder("conv2d_bp").addIntegerArguments(ints(iArgs));
        if (bias != null) {
            NativeTeam.exec(b.addInputs(x, w, bias, gradOut).addOutputs(dx, dw, db).build(), 2 * macs(gradOut.length(), w));
            return new INDArray[] {dx, dw, db};
        }
        NativeTeam.exec(b.addInputs(x, w, gradOut).addOutputs(dx, dw).build(), 2 * macs(gradOut.length(), w));
        return new INDArray[] {dx, dw};
    }

    /**
     * The weight and bias gradients of {@link #conv} without dL/dx, for a first level whose input gradient nothing
     * reads. One input channel takes {@link PlaneConv}'s GEMMs; otherwise libnd4j's {@code conv2d_bp} computes dL/dx
     * into a scratch array too.
     *
     * @param x       {@code [b, inC, H, W]}
     * @param gradOut {@code [b, outC, H', W']}
     * @param dw      receives dL/dW, shaped as w
     * @param db      receives dL/dbias, shaped as bias (ignored when bias is null)
     */
    public static void convWeightGradient(INDArray x, INDArray w, INDArray bias, INDArray gradOut, ConvGeometry gh,
                                          ConvGeometry gw, INDArray dw, INDArray db) {
        if (!PlaneConv.supports(x, gradOut, w) || !HostMemory.supportsFloats(dw) || (bias != null && !HostMemory.supportsFloats(db))) {
            convBackward(x, w, bias, gradOut, gh, gw, x.ulike(), dw, db);
            return;
        }
        PlaneConv.weightGradient(x, gradOut, gh, gw, dw);
        if (bias != null) {
            int channels = (int) gradOut.size(1);
            double[] acc = new double[channels];
            FloatKernels.channelSums(HostMemory.address(gradOut), channels, (int) (gradOut.size(2) * gradOut.size(3)),
                    gradOut.length(), acc);
            long d = HostMemory.address(db);
            for (int c = 0; c < channels; c++) {
                FloatKernels.set(d, c, (float) acc[c]);
            }
        }
    }

    /** @return whether libnd4j's padded transposed convolution gives the convolution's input size exactly */
    private static boolean exact(ConvGeometry g, long zSize, long outSize) {
        return g.fullTransposedSize((int) zSize) - 2L * g.padding() == outSize;
    }

    /**
     * The adjoint of {@link #conv}: {@code [b, outC, H', W']} → {@code [b, inC, outH, outW]}.
     *
     * @param z {@code [b, outC, H', W']}
     * @param w the convolution's weights {@code [kH, kW, inC, outC]}
     */
    public static INDArray convT(INDArray z, INDArray w, ConvGeometry gh, ConvGeometry gw, long outH, long outW) {
        return convT(z, w, gh, gw, Nd4j.createUninitialized(z.dataType(), z.size(0), w.size(2), outH, outW));
    }

    /**
     * {@link #convT} into an existing array.
     *
     * @param out {@code [b, inC, outH, outW]}, contiguous, overwritten
     * @return out
     */
    public static INDArray convT(INDArray z, INDArray w, ConvGeometry gh, ConvGeometry gw, INDArray out) {
        return convT(z, w, null, gh, gw, out);
    }

    /**
     * {@link #convT} plus a bias per output channel, into an existing array. The bias is added after the transposed
     * convolution: libnd4j's {@code deconv2d} with its own bias argument took 2–7 times as long.
     *
     * @param bias {@code [inC]} (the transposed convolution's output channels), or null
     * @param out  {@code [b, inC, outH, outW]}, contiguous, overwritten
     * @return out
     */
    public static INDArray convT(INDArray z, INDArray w, INDArray bias, ConvGeometry gh, ConvGeometry gw,
                                 INDArray out) {
        convTUnbiased(z, w, gh, gw, out);
        if (bias != null) {
            Nd4j.exec(new BroadcastAddOp(out, bias.reshape(-1), out, 1));
        }
        return out;
    }

    private static void convTUnbiased(INDArray z, INDArray w, ConvGeometry gh, ConvGeometry gw, INDArray out) {
        long outH = out.size(2);
        long outW = out.size(3);
        if (PlaneConv.supports(out, z, w) && gh.outputSize((int) outH) == z.size(2)
                && gw.outputSize((int) outW) == z.size(3)) {
            PlaneConv.transposed(z, w, gh, gw, out);
            return;
        }
        if (exact(gh, z.size(2), outH) && exact(gw, z.size(3), outW)) {
            DeConv2D op = new DeConv2D(z, w, null, deconvConfig(gh, gw, true));
            op.addOutputArgument(out);
            NativeTeam.exec(op, macs(z.length(), w));
            return;
        }
        INDArray full = NativeTeam.exec(new DeConv2D(z, w, null, deconvConfig(gh, gw, false)), macs(z.length(), w))[0];
        long h = Math.min(outH, full.size(2) - gh.padding());
        long wd = Math.min(outW, full.size(3) - gw.padding());
        if (PlaneCopy.supports(full, out)) {
            PlaneCopy.block(full, out, gh.padding(), gw.padding(), 0, 0, h, wd);
            return;
        }
        if (h < outH || wd < outW) {
            out.assign(0);
        }
        out.get(region(0, h, 0, wd)).assign(full.get(region(gh.padding(), h, gw.padding(), wd)));
    }

    /**
     * The backward pass of {@link #convT}.
     *
     * @param z       the transposed convolution's input {@code [b, outC, H', W']}
     * @param gradOut {@code [b, inC, outH, outW]}
     * @return {@code {dz, dW}}
     */
    public static INDArray[] convTBackward(INDArray z, INDArray w, INDArray gradOut, ConvGeometry gh, ConvGeometry gw) {
        return convTBackward(z, w, gradOut, gh, gw, z.ulike(), w.ulike());
    }

    /**
     * {@link #convTBackward} into existing arrays.
     *
     * @param dz receives dL/dz, shaped as z
     * @param dw receives dL/dW, shaped as w
     * @return {@code {dz, dW}}
     */
    public static INDArray[] convTBackward(INDArray z, INDArray w, INDArray gradOut, ConvGeometry gh, ConvGeometry gw,
                                           INDArray dz, INDArray dw) {
        return convTBackward(z, w, null, gradOut, gh, gw, dz, dw, null);
    }

    /**
     * The backward pass of {@link #convT} with a bias per output channel, into existing arrays.
     *
     * @param bias {@code [inC]}, or null
     * @param dz   receives dL/dz, shaped as z
     * @param dw   receives dL/dW, shaped as w
     * @param db   receives dL/dbias, shaped as bias (ignored when bias is null)
     * @return {@code {dz, dW}}, and {@code dBias} when {@code bias} is given
     */
    public static INDArray[] convTBackward(INDArray z, INDArray w, INDArray bias, INDArray gradOut, ConvGeometry gh,
                                           ConvGeometry gw, INDArray dz, INDArray dw, INDArray db) {
        long outH = gradOut.size(2);
        long outW = gradOut.size(3);
        boolean exact = exact(gh, z.size(2), outH) && exact(gw, z.size(3), outW);
        long fullH = gh.fullTransposedSize((int) z.size(2));
        long fullW = gw.fullTransposedSize((int) z.size(3));
        // the rows and columns the transposed convolution reaches; any beyond hold the bias alone
        long h = Math.min(outH, fullH - gh.padding());
        long wd = Math.min(outW, fullW - gw.padding());
        INDArray g = gradOut;
        if (!exact) {
            g = Nd4j.createUninitialized(z.dataType(), z.size(0), w.size(2), fullH, fullW);
            if (PlaneCopy.supports(gradOut, g)) {
                PlaneCopy.block(gradOut, g, 0, 0, gh.padding(), gw.padding(), h, wd);
            } else {
                g.assign(0);
                g.get(region(gh.padding(), h, gw.padding(), wd)).assign(gradOut.get(region(0, h, 0, wd)));
            }
        }
        long[] iArgs = new DeConv2D(z, w, null, deconvConfig(gh, gw, exact)).iArgs();
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder("deconv2d_bp")
                .addIntegerArguments(ints(iArgs));
        if (bias == null) {
            NativeTeam.exec(b.addInputs(z, w, g).addOutputs(dz, dw).build(), 2 * macs(z.length(), w));
            return new INDArray[] {dz, dw};
        }
        NativeTeam.exec(b.addInputs(z, w, bias.reshape(-1), g).addOutputs(dz, dw, db.reshape(-1)).build(),
                2 * macs(z.length(), w));
        if (h < outH || wd < outW) { // the padded copy left out what only the bias reaches
            db.assign(gradOut.sum(0, 2, 3).reshape(db.shape()));
        }
        return new INDArray[] {dz, dw, db};
    }

    private static int[] ints(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.toIntExact(v[i]);
        }
        return r;
    }

    /** @return the index of {@code [:, :, h0:h0+h, w0:w0+w]} */
    public static INDArrayIndex[] region(long h0, long h, long w0, long w) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(h0, h0 + h),
            NDArrayIndex.interval(w0, w0 + w)};
    }

    private static Pooling2DConfig poolConfig(int kh, int kw, boolean max) {
        return Pooling2DConfig.builder().kH(kh).kW(kw).sH(kh).sW(kw)
                .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG).isNHWC(false).build();
    }

    /** @return non-overlapping max pooling (window = stride = {@code kh × kw}, remainder dropped) */
    public static INDArray maxPool(INDArray x, int kh, int kw) {
        return NativeTeam.execMemoryBound(new MaxPooling2D(x, null, poolConfig(kh, kw, true)), x.length())[0];
    }

    /** @return non-overlapping mean pooling (window = stride = {@code kh × kw}, remainder dropped) */
    public static INDArray meanPool(INDArray x, int kh, int kw) {
        return NativeTeam.execMemoryBound(new AvgPooling2D(x, null, poolConfig(kh, kw, false)), x.length())[0];
    }

    /**
     * The pooling's backward pass, which is also its transpose: each window's gradient routed to the first
     * maximum of the input's window (max) or spread evenly over it (mean); zero over a dropped remainder.
     *
     * @param x       the pooling's input {@code [b, C, H, W]}
     * @param gradOut {@code [b, C, H / kh, W / kw]}
     * @return {@code [b, C, H, W]}
     */
    public static INDArray poolBackward(INDArray x, INDArray gradOut, int kh, int kw, boolean max) {
        Pooling2DConfig c = poolConfig(kh, kw, max);
        long[] iArgs = max ? new MaxPooling2D(x, null, c).iArgs() : new AvgPooling2D(x, null, c).iArgs();
        INDArray dx = x.ulike();
        NativeTeam.execMemoryBound(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
                .addIntegerArguments(ints(iArgs)).addInputs(x, gradOut).addOutputs(dx).build(), x.length());
        return dx;
    }
}
