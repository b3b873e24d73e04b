package org.bidizoo.layers.transpose;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling that records its <em>switches</em> — the position of each window's maximum — and the
 * unpooling of Zeiler and Fergus's deconvnet, which puts a value back at its window's switch and zero
 * elsewhere. Unpooling is the adjoint of "read the pooled input at the switches", so for a fixed set of
 * switches it is the max pool's backward pass; unlike the backward pass it can be applied to any signal.
 *
 * <p>Windows may overlap (stride below the kernel) and may start before the input (top/left padding)
 * or run past it; a window reads only the input positions it covers (padding never wins). Ties go to
 * the first maximum in row-major window order. NCHW arrays.
 */
public final class MaxPoolSwitches {
    private final long[] inShape;
    private final long[] outShape;
    private final int[] switches;

    private MaxPoolSwitches(long[] inShape, long[] outShape, int[] switches) {
        this.inShape = inShape;
        this.outShape = outShape;
        this.switches = switches;
    }

    /**
     * The pooled output and its switches.
     *
     * @param output   {@code [b, C, outH, outW]}
     * @param switches where each output came from
     */
    public record Pooled(INDArray output, MaxPoolSwitches switches) {
    }

    /**
     * Max pooling with switches.
     *
     * @param x    {@code [b, C, H, W]}
     * @param gh   kernel and stride along the height (its padding is ignored: see {@code padTop})
     * @param gw   kernel and stride along the width
     * @param padTop  rows of padding before the first window
     * @param padLeft columns of padding before the first window
     * @param outH output height
     * @param outW output width
     * @return {@code [b, C, outH, outW]} and the switches
     * @throws IllegalArgumentException if x is not 4-D or a window covers no input position
     */
    public static Pooled pool(INDArray x, ConvGeometry gh, ConvGeometry gw, int padTop, int padLeft, int outH,
                              int outW) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("max pooling input: shape " + java.util.Arrays.toString(x.shape())
                    + "; expected [b, C, H, W]");
        }
        long b = x.size(0);
        long c = x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] in = x.dup('c').data().asDouble();
        double[] out = new double[(int) (b * c * outH * outW)];
        int[] sw = new int[out.length];
        int o = 0;
        for (long plane = 0; plane < b * c; plane++) {
            int base = (int) (plane * h * w);
            for (int i = 0; i < outH; i++) {
                int r0 = i * gh.stride() - padTop;
                for (int j = 0; j < outW; j++) {
                    int c0 = j * gw.stride() - padLeft;
                    int best = -1;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = Math.max(0, r0); r < Math.min(h, r0 + gh.kernel()); r++) {
                        for (int q = Math.max(0, c0); q < Math.min(w, c0 + gw.kernel()); q++) {
                            double v = in[base + r * w + q];
                            if (best < 0 || v > max) {
                                max = v;
                                best = base + r * w + q;
                            }
                        }
                    }
                    if (best < 0) {
                        throw new IllegalArgumentException("max pooling window (" + i + ", " + j + ") covers no input"
                                + " position of a " + h + "x" + w + " input; expected windows inside the input");
                    }
                    out[o] = max;
                    sw[o++] = best;
                }
            }
        }
        INDArray y = Nd4j.create(out, new long[] {b, c, outH, outW}, DataType.DOUBLE).castTo(x.dataType());
        return new Pooled(y, new MaxPoolSwitches(x.shape(), y.shape(), sw));
    }

    /**
     * Unpooling: each value of {@code y} put at its window's switch, zero elsewhere (values of overlapping
     * windows sharing a switch add up).
     *
     * @param y {@code [b, C, outH, outW]}, the pooled shape
     * @return {@code [b, C, H, W]}, the pooling's input shape, y's data type
     */
    public INDArray unpool(INDArray y) {
        if (!java.util.Arrays.equals(y.shape(), outShape)) {
            throw new IllegalArgumentException("unpooling input: shape " + java.util.Arrays.toString(y.shape())
                    + "; expected the pooled shape " + java.util.Arrays.toString(outShape));
        }
        double[] v = y.dup('c').data().asDouble();
        long n = 1;
        for (long s : inShape) {
            n *= s;
        }
        double[] x = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            x[switches[i]] += v[i];
        }
        return Nd4j.create(x, inShape, DataType.DOUBLE).castTo(y.dataType());
    }

    /** @return flat (row-major, NCHW) input index of each output's maximum, in output order (a copy) */
    public int[] switches() {
        return switches.clone();
    }

    /** @return the pooling's input shape {@code [b, C, H, W]} */
    public long[] inputShape() {
        return inShape.clone();
    }
}
