package org.bidizoo.layers.transpose;

import java.util.Arrays;

/**
 * The one descriptor of a map with weights and an exact transpose, shared by every family: a dense map
 * {@code x W + b} ({@code W: [nIn, units]}, a {@code [C, H, W]} input flattened in NCHW order) or a 2-D
 * convolution ({@code W: [kH, kW, inC, units]}, a geometry per axis, so a 1-D convolution over {@code [C, 1, T]}
 * is {@link ConvGeometry#IDENTITY} along the height). Lmser's levels ({@code lmser.LmserLevel#map}) and an
 * invertible network's dense, convolutional and residual steps ({@code inversion.InvertibleStep}) are described
 * by it, and their shape inference ({@code LmserShapes}, {@code InvertibleShapes}) is its {@link #outputShape}
 * and {@link #weightShape}.
 *
 * <p>Shapes are per example: {@code [n]} flat, {@code [C, H, W]} convolutional.
 *
 * @param kind   dense or convolutional
 * @param units  output units (dense) or output channels (conv), {@code >= 1}
 * @param height the convolution along the height (null for dense)
 * @param width  the convolution along the width (null for dense)
 */
public record LinearMap(Kind kind, int units, ConvGeometry height, ConvGeometry width) {
    /** Dense or convolutional. */
    public enum Kind {
        /** fully connected */
        DENSE,
        /** 2-D convolution, NCHW */
        CONV
    }

    /** @throws IllegalArgumentException if units < 1 or a convolution lacks its geometry */
    public LinearMap {
        if (kind == null) {
            throw new IllegalArgumentException("linear map kind is null; expected DENSE or CONV");
        }
        if (units < 1) {
            throw new IllegalArgumentException((kind == Kind.CONV ? "channels" : "units") + " = " + units
                    + ", expected >= 1");
        }
        if (kind == Kind.CONV && (height == null || width == null)) {
            throw new IllegalArgumentException("a convolution needs a geometry along the height and the width");
        }
    }

    /** @param units output units, {@code >= 1} @return a dense map */
    public static LinearMap dense(int units) {
        return new LinearMap(Kind.DENSE, units, null, null);
    }

    /**
     * @param channels output channels, {@code >= 1}
     * @param height   the geometry along the height
     * @param width    the geometry along the width
     * @return a convolution
     */
    public static LinearMap conv(int channels, ConvGeometry height, ConvGeometry width) {
        return new LinearMap(Kind.CONV, channels, height, width);
    }

    /** @return whether this is a convolution */
    public boolean isConv() {
        return kind == Kind.CONV;
    }

    /**
     * @param in  the per-example input shape
     * @param who the map as the caller names it ("level 2 (conv(...))"), for the messages
     * @return the per-example output shape: {@code [units]}, or {@code [units, H', W']}
     * @throws IllegalArgumentException naming {@code who}, the value and the expectation, when a convolution gets
     *                                  a flat input or its kernel does not fit its padded input
     */
    public long[] outputShape(long[] in, String who) {
        if (!isConv()) {
            return new long[] {units};
        }
        if (in.length != 3) {
            throw new IllegalArgumentException(who + " needs a [C, H, W] input but gets " + Arrays.toString(in));
        }
        int h = height.outputSize((int) in[1]);
        int w = width.outputSize((int) in[2]);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(who + ": kernel " + kernelText() + " is larger than its padded input "
                    + (in[1] + 2L * height.padding()) + "x" + (in[2] + 2L * width.padding())
                    + "; expected kernel <= input + 2*padding");
        }
        return new long[] {units, h, w};
    }

    private String kernelText() {
        return height.kernel() == width.kernel() ? Integer.toString(width.kernel())
                : height.kernel() + "x" + width.kernel();
    }

    /**
     * @param in the per-example input shape
     * @return the weights' shape: dense {@code [size(in), units]}, conv {@code [kH, kW, in[0], units]}
     */
    public long[] weightShape(long[] in) {
        return isConv() ? new long[] {height.kernel(), width.kernel(), in[0], units} : new long[] {size(in), units};
    }

    /** @return the bias length, {@code units} */
    public long biasSize() {
        return units;
    }

    /**
     * @param in the per-example input shape
     * @return the length of a bias added after the transpose (on the input side): input channels for a
     *         convolution, the input size for a dense map
     */
    public long transposeBiasSize(long[] in) {
        return isConv() ? in[0] : size(in);
    }

    /** @param shape a per-example shape @return its number of elements */
    public static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
