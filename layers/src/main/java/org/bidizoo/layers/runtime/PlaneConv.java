package org.bidizoo.layers.runtime;

import org.bidizoo.layers.transpose.ConvGeometry;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolutions whose image side has a single channel (the first level of a network on grey images) by
 * im2col / col2im and OpenBLAS, sample by sample: the convolution from one channel (stride 1), the transposed
 * convolution down to one channel, and the convolution's weight gradient alone (for a first level, whose
 * input gradient nothing reads). libnd4j's {@code deconv2d_bp} stays faster for the transposed convolution's
 * backward pass (1.2 ms against 1.8–2.0 ms by these GEMMs for inversion's first level). libnd4j's oneDNN kernels are slow on exactly
 * these shapes (measured, batch 50, one thread: {@code [50,32,26,26]} → {@code [50,1,28,28]} 4.0 ms for
 * 9.7 M multiply-adds; lmser-conv's {@code [50,16,14,14]} → {@code [50,1,28,28]}, stride 2, 0.7 ms for 1.4 M),
 * while a product with {@code kH·kW} rows is a plain GEMM.
 *
 * <p>Shapes: the image {@code [b, 1, H, W]}, the feature maps {@code [b, C, h, w]} with
 * {@code h = gh.outputSize(H)}, {@code w = gw.outputSize(W)}, the weights {@code [kH, kW, 1, C]} (c-order,
 * read as a {@code [kH·kW, C]} matrix). The convolution is
 * {@code y[n, c, i, j] = Σ_{p, q} W[p, q, 0, c] · x[n, 0, i·sH + p − padH, j·sW + q − padW]} (zero outside the
 * image), so the transposed convolution and the weight gradient read the same index map, and positions of the
 * image no window reaches get zero, as {@link ConvKernels#convT} gives.
 *
 * <p>Float, host memory, contiguous c-order arrays only ({@link #supports}); everything else stays with
 * libnd4j. Samples of the transposed convolution are independent and split over the team
 * ({@link LoopSplit}); the weight gradient sums over samples on the calling thread, in sample order, so its
 * bits do not depend on the thread count.
 */
final class PlaneConv {
    private static final ThreadLocal<FloatPointer[]> SCRATCH = ThreadLocal.withInitial(() -> new FloatPointer[1]);

    private PlaneConv() {
    }

    /**
     * @param image a {@code [b, 1, H, W]} array
     * @param maps  the {@code [b, C, h, w]} side
     * @param w     {@code [kH, kW, 1, C]}
     * @return whether these arrays can take this path
     */
    static boolean supports(INDArray image, INDArray maps, INDArray w) {
        return DirectBlas.AVAILABLE && image.rank() == 4 && image.size(1) == 1 && w.rank() == 4 && w.size(2) == 1
                && HostMemory.supportsFloats(image) && HostMemory.supportsFloats(maps) && HostMemory.supportsFloats(w);
    }

    /**
     * Whether {@link #forward} is the faster path: one input channel and stride 1 in both axes. With stride 1
     * the image's rows copy into the columns whole; measured (batch 50, one thread) 1.05–1.26 ms against
     * libnd4j's 1.37–1.73 ms for {@code [50,1,28,28]} → 32 maps, 3×3, but 0.34–0.37 against 0.24 ms for
     * lmser-conv's stride-2 level (its per-sample products are 16×9·9×196).
     *
     * @param x    the convolution's input
     * @param w    its weights
     * @param bias its bias, or null
     * @return whether {@link #forward} takes these arrays and is the faster path
     */
    static boolean supportsForward(INDArray x, INDArray w, INDArray bias, ConvGeometry gh, ConvGeometry gw) {
        return gh.stride() == 1 && gw.stride() == 1 && supports(x, x, w) && (bias == null || HostMemory.supportsFloats(bias));
    }


    /**
     * The convolution {@code y = W ⋆ x (+ bias)}.
     *
     * @param x    {@code [b, 1, H, W]}
     * @param w    {@code [kH, kW, 1, C]}
     * @param bias {@code [C]}, or null
     * @param y    {@code [b, C, h, w]}, overwritten
     */
    static void forward(INDArray x, INDArray w, INDArray bias, ConvGeometry gh, ConvGeometry gw, INDArray y) {
        Plan p = new Plan(x, y, w, gh, gw);
        long xa = HostMemory.address(x);
        long wa = HostMemory.address(w);
        long ya = HostMemory.address(y);
        long ba = bias == null ? 0 : HostMemory.address(bias);
        LoopSplit.runItems(p.batch, x.length() + y.length(), (from, to) -> {
            long cols = scratch(p.rows * (long) p.plane);
            for (long n = from; n < to; n++) {
                p.im2col(xa + 4L * n * p.image, cols);
                long yn = ya + 4L * n * p.channels * p.plane;
                // y_n[C, h·w] = W[kH·kW, C]ᵀ · cols[kH·kW, h·w]
                DirectBlas.sgemm(true, false, p.channels, p.plane, p.rows, wa, p.channels, cols, p.plane, 0f, yn,
                        p.plane);
                if (bias != null) {
                    FloatKernels.addChannelBias(yn, ba, p.channels, p.plane, (long) p.channels * p.plane);
                }
            }
        });
    }

    /**
     * The transposed convolution {@code out = Wᵀ ⋆ z}, the adjoint of the convolution from {@code out}'s size.
     *
     * @param z   {@code [b, C, h, w]}
     * @param w   {@code [kH, kW, 1, C]}
     * @param out {@code [b, 1, H, W]}, overwritten
     */
    static void transposed(INDArray z, INDArray w, ConvGeometry gh, ConvGeometry gw, INDArray out) {
        Plan p = new Plan(out, z, w, gh, gw);
        long za = HostMemory.address(z);
        long wa = HostMemory.address(w);
        long oa = HostMemory.address(out);
        LoopSplit.runItems(p.batch, out.length() + z.length(), (from, to) -> {
            long cols = scratch(p.rows * (long) p.plane);
            for (long n = from; n < to; n++) {
                // cols[kH·kW, h·w] = W[kH·kW, C] · z_n[C, h·w]
                DirectBlas.sgemm(false, false, p.rows, p.plane, p.channels, wa, p.channels,
                        za + 4L * n * p.channels * p.plane, p.plane, 0f, cols, p.plane);
                p.col2im(cols, oa + 4L * n * p.image);
            }
        });
    }

    /**
     * The gradient of the convolution's weights: {@code dW[p, q, 0, c] = Σ_{n, i, j} g[n, c, i, j] ·
     * x[n, 0, i·sH + p − padH, j·sW + q − padW]}.
     *
     * @param x  the convolution's input {@code [b, 1, H, W]}
     * @param g  dL/dy {@code [b, C, h, w]}
     * @param dw {@code [kH, kW, 1, C]}, overwritten
     */
    static void weightGradient(INDArray x, INDArray g, ConvGeometry gh, ConvGeometry gw, INDArray dw) {
        Plan p = new Plan(x, g, dw, gh, gw);
        long xa = HostMemory.address(x);
        long ga = HostMemory.address(g);
        long da = HostMemory.address(dw);
        long cols = scratch(p.rows * (long) p.plane);
        for (long n = 0; n < p.batch; n++) {
            p.im2col(xa + 4L * n * p.image, cols);
            // dW[kH·kW, C] (+)= cols[kH·kW, h·w] · g_n[C, h·w]ᵀ
            DirectBlas.sgemm(false, true, p.rows, p.channels, p.plane, cols, p.plane,
                    ga + 4L * n * p.channels * p.plane, p.plane, n == 0 ? 0f : 1f, da, p.channels);
        }
    }

    /** A float buffer of at least n elements, this thread's own, reused from call to call. */
    private static long scratch(long n) {
        FloatPointer[] held = SCRATCH.get();
        if (held[0] == null || held[0].capacity() < n) {
            if (held[0] != null) {
                held[0].close();
            }
            held[0] = new FloatPointer(n);
        }
        return held[0].address();
    }

    /** The sizes of one op and the index map between the image and the columns. */
    private static final class Plan {
        final int batch;
        final int channels;
        final int height;
        final int width;
        final int outH;
        final int outW;
        final int kh;
        final int kw;
        final int sh;
        final int sw;
        final int ph;
        final int pw;
        final int rows;
        final int plane;
        final int image;

        Plan(INDArray img, INDArray maps, INDArray w, ConvGeometry gh, ConvGeometry gw) {
            batch = (int) img.size(0);
            height = (int) img.size(2);
            width = (int) img.size(3);
            channels = (int) maps.size(1);
            outH = (int) maps.size(2);
            outW = (int) maps.size(3);
            kh = gh.kernel();
            kw = gw.kernel();
            sh = gh.stride();
            sw = gw.stride();
            ph = gh.padding();
            pw = gw.padding();
            if (maps.size(0) != batch || w.size(0) != kh || w.size(1) != kw || w.size(3) != channels
                    || gh.outputSize(height) != outH || gw.outputSize(width) != outW) {
                throw new IllegalArgumentException("image " + java.util.Arrays.toString(img.shape()) + ", maps "
                        + java.util.Arrays.toString(maps.shape()) + ", weights " + java.util.Arrays.toString(w.shape())
                        + ", geometry " + gh + " × " + gw + ": expected maps [b, C, h, w] with h, w the geometry's"
                        + " output sizes and weights [kH, kW, 1, C]");
            }
            rows = kh * kw;
            plane = outH * outW;
            image = height * width;
        }

        /** The first j whose column j·s + q − pad lies in [0, size). */
        private static int first(int q, int s, int pad) {
            int lo = pad - q;
            return lo <= 0 ? 0 : (lo + s - 1) / s;
        }

        /** One past the last j whose column j·s + q − pad lies in [0, size), at most n. */
        private static int end(int q, int s, int pad, int size, int n) {
            int hi = size - 1 + pad - q; // j·s <= hi
            return hi < 0 ? 0 : Math.min(n, hi / s + 1);
        }

        /** out[Y, X] = Σ over the columns that map there (the image plane at {@code o} is overwritten). */
        void col2im(long cols, long o) {
            HostMemory.UNSAFE.setMemory(o, 4L * image, (byte) 0);
            for (int p = 0; p < kh; p++) {
                int i0 = first(p, sh, ph);
                int i1 = end(p, sh, ph, height, outH);
                for (int q = 0; q < kw; q++) {
                    int j0 = first(q, sw, pw);
                    int j1 = end(q, sw, pw, width, outW);
                    if (j0 >= j1) {
                        continue;
                    }
                    long row = cols + 4L * (p * kw + q) * plane;
                    for (int i = i0; i < i1; i++) {
                        long src = row + 4L * ((long) i * outW + j0);
                        long dst = o + 4L * ((long) (i * sh + p - ph) * width + j0 * sw + q - pw);
                        if (sw == 1) {
                            FloatKernels.addIntoScalar(dst, src, 0, j1 - j0);
                        } else {
                            for (int j = 0; j < j1 - j0; j++) {
                                long at = dst + 4L * j * sw;
                                HostMemory.UNSAFE.putFloat(at, HostMemory.UNSAFE.getFloat(at)
                                        + HostMemory.UNSAFE.getFloat(src + 4L * j));
                            }
                        }
                    }
                }
            }
        }

        /** cols[p·kW + q, i·w + j] = image[i·sH + p − padH, j·sW + q − padW], zero outside the image. */
        void im2col(long img, long cols) {
            for (int p = 0; p < kh; p++) {
                int i0 = first(p, sh, ph);
                int i1 = end(p, sh, ph, height, outH);
                for (int q = 0; q < kw; q++) {
                    int j0 = first(q, sw, pw);
                    int j1 = Math.max(j0, end(q, sw, pw, width, outW));
                    long row = cols + 4L * (p * kw + q) * plane;
                    for (int i = 0; i < outH; i++) {
                        long dst = row + 4L * i * outW;
                        if (i < i0 || i >= i1) {
                            HostMemory.UNSAFE.setMemory(dst, 4L * outW, (byte) 0);
                            continue;
                        }
                        HostMemory.UNSAFE.setMemory(dst, 4L * j0, (byte) 0);
                        HostMemory.UNSAFE.setMemory(dst + 4L * j1, 4L * (outW - j1), (byte) 0);
                        long src = img + 4L * ((long) (i * sh + p - ph) * width + j0 * sw + q - pw);
                        if (sw == 1) {
                            HostMemory.UNSAFE.copyMemory(src, dst + 4L * j0, 4L * (j1 - j0));
                        } else {
                            for (int j = 0; j < j1 - j0; j++) {
                                HostMemory.UNSAFE.putFloat(dst + 4L * (j0 + j), HostMemory.UNSAFE.getFloat(src + 4L * j * sw));
                            }
                        }
                    }
                }
            }
        }
    }
}
