package org.bidizoo.layers.transpose;

/**
 * A convolution's kernel, stride and zero padding along one axis, and the output sizes they give. A
 * square 2-D convolution uses one geometry for both axes; a 1-D convolution over {@code [C, 1, T]}
 * uses {@link #IDENTITY} along the height.
 *
 * @param kernel  kernel side
 * @param stride  stride
 * @param padding zero padding on every side
 */
public record ConvGeometry(int kernel, int stride, int padding) {
    /** kernel 1, stride 1, no padding: the axis a 1-D convolution leaves alone */
    public static final ConvGeometry IDENTITY = new ConvGeometry(1, 1, 0);

    /** @throws IllegalArgumentException if a value is out of range */
    public ConvGeometry {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("convolution kernel " + kernel + ", stride " + stride + ", padding "
                    + padding + ": expected kernel >= 1, stride >= 1, padding >= 0");
        }
    }

    /**
     * @param in input side
     * @return output side of the convolution, {@code (in + 2p - k) / s + 1}, or 0 if the kernel
     *         does not fit the padded input
     */
    public int outputSize(int in) {
        int span = in + 2 * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    /**
     * @param in output side of the convolution (input of its transpose)
     * @return the side of the un-cropped transposed convolution, {@code (in - 1) s + k}
     */
    public int fullTransposedSize(int in) {
        return (in - 1) * stride + kernel;
    }
}
