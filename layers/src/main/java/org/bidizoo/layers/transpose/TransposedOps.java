package org.bidizoo.layers.transpose;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Linear maps and their exact adjoints (transposes) on one weight variable — the machinery shared
 * by Lmser's top-down pass and the trainable network inverse.
 *
 * <p>Dense: {@code x W} and {@code z Wᵀ} with {@code W: [nIn, nOut]}. Convolution (NCHW, weights
 * {@code [k, k, inC, outC]}): {@code conv2d} and its adjoint, a {@code deconv2d} on the same weights
 * with no padding, cropped by the padding and zero-filled at the far edge so that the result has
 * the convolution's input size exactly (libnd4j's deconv has no output padding).
 */
public final class TransposedOps {
    private TransposedOps() {
    }

    /**
     * @param x {@code [b, nIn]}
     * @param w {@code [nIn, nOut]}
     * @return {@code x W}: {@code [b, nOut]}
     */
    public static SDVariable dense(SDVariable x, SDVariable w) {
        return x.mmul(w);
    }

    /**
     * @param z {@code [b, nOut]}
     * @param w {@code [nIn, nOut]}
     * @return {@code z Wᵀ}: {@code [b, nIn]}
     */
    public static SDVariable denseT(SDVariable z, SDVariable w) {
        SameDiff sd = z.getSameDiff();
        return sd.mmul(z, w, false, true, false);
    }

    /**
     * @param x {@code [b, inC, H, W]}
     * @param w {@code [k, k, inC, outC]}
     * @param g kernel, stride, padding
     * @return the convolution, {@code [b, outC, H', W']}
     */
    public static SDVariable conv(SDVariable x, SDVariable w, ConvGeometry g) {
        return conv(x, w, g, g);
    }

    /**
     * @param x  {@code [b, inC, H, W]}
     * @param w  {@code [kH, kW, inC, outC]}
     * @param gh kernel, stride, padding along the height
     * @param gw kernel, stride, padding along the width
     * @return the convolution, {@code [b, outC, H', W']}
     */
    public static SDVariable conv(SDVariable x, SDVariable w, ConvGeometry gh, ConvGeometry gw) {
        SameDiff sd = x.getSameDiff();
        Conv2DConfig c = Conv2DConfig.builder().kH(gh.kernel()).kW(gw.kernel()).sH(gh.stride()).sW(gw.stride())
                .pH(gh.padding()).pW(gw.padding()).dataFormat(Conv2DConfig.NCHW).build();
        return sd.cnn().conv2d(x, w, c);
    }

    /**
     * The adjoint of {@link #conv}: for every x and z, ⟨conv(x), z⟩ = ⟨x, convT(z)⟩.
     *
     * @param z     {@code [b, outC, H', W']}
     * @param w     {@code [k, k, inC, outC]}, the convolution's weights
     * @param g     the convolution's kernel, stride, padding
     * @param zH    H', the height of z
     * @param zW    W', the width of z
     * @param outH  the convolution's input height H
     * @param outW  the convolution's input width W
     * @return {@code [b, inC, H, W]}
     */
    public static SDVariable convT(SDVariable z, SDVariable w, ConvGeometry g, long zH, long zW, long outH,
                                   long outW) {
        return convT(z, w, g, g, zH, zW, outH, outW);
    }

    /**
     * The adjoint of {@link #conv(SDVariable, SDVariable, ConvGeometry, ConvGeometry)}.
     *
     * @param z    {@code [b, outC, H', W']}
     * @param w    {@code [kH, kW, inC, outC]}, the convolution's weights
     * @param gh   the convolution's geometry along the height
     * @param gw   the convolution's geometry along the width
     * @param zH   H'
     * @param zW   W'
     * @param outH the convolution's input height H
     * @param outW the convolution's input width W
     * @return {@code [b, inC, H, W]}
     */
    public static SDVariable convT(SDVariable z, SDVariable w, ConvGeometry gh, ConvGeometry gw, long zH, long zW,
                                   long outH, long outW) {
        SameDiff sd = z.getSameDiff();
        DeConv2DConfig c = DeConv2DConfig.builder().kH(gh.kernel()).kW(gw.kernel()).sH(gh.stride()).sW(gw.stride())
                .pH(0).pW(0).dataFormat(DeConv2DConfig.NCHW).build();
        SDVariable full = sd.cnn().deconv2d(z, w, c);
        return cropToInput(full, gh, gw, zH, zW, outH, outW);
    }

    /**
     * Crops a full transposed convolution to the forward convolution's input size, zero-filling at
     * the far edge where the stride left it short.
     */
    static SDVariable cropToInput(SDVariable full, ConvGeometry gh, ConvGeometry gw, long zh, long zw, long outH,
                                  long outW) {
        SameDiff sd = full.getSameDiff();
        long ph = gh.padding();
        long pw = gw.padding();
        long fullH = gh.fullTransposedSize((int) zh);
        long fullW = gw.fullTransposedSize((int) zw);
        long padH = Math.max(0, ph + outH - fullH);
        long padW = Math.max(0, pw + outW - fullW);
        SDVariable x = full;
        if (padH > 0 || padW > 0) {
            SDVariable pads = sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {0, (int) padH},
                    {0, (int) padW}}).castTo(DataType.INT32));
            x = sd.nn().pad(x, pads, PadMode.CONSTANT, 0.0);
        }
        if (ph == 0 && pw == 0 && fullH + padH == outH && fullW + padW == outW) {
            return x;
        }
        return x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(ph, ph + outH), SDIndex.interval(pw, pw + outW));
    }
}
