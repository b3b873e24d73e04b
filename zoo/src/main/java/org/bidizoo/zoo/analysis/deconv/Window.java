package org.bidizoo.zoo.analysis.deconv;

import org.bidizoo.layers.transpose.ConvGeometry;

/**
 * A convolution's or pooling's window along one axis as DL4J configures it: kernel, stride and padding,
 * and whether DL4J's {@code ConvolutionMode.Same} sets the padding (output {@code ceil(in / stride)},
 * padding split with the odd row at the far edge) instead of the explicit padding (output
 * {@code (in + 2p - k) / s + 1}, {@code Truncate} and {@code Strict}).
 *
 * @param geometry kernel, stride, explicit padding
 * @param same     whether DL4J's Same mode sets the padding
 */
public record Window(ConvGeometry geometry, boolean same) {
    /**
     * @param in input side
     * @return the output side
     */
    public int outputSize(int in) {
        if (same) {
            return (in + geometry.stride() - 1) / geometry.stride();
        }
        return geometry.outputSize(in);
    }

    /**
     * @param in input side
     * @return padding before the first window
     */
    public int padBefore(int in) {
        if (!same) {
            return geometry.padding();
        }
        return totalSamePadding(in) / 2;
    }

    /**
     * @param in input side
     * @return padding after the input that the output's windows actually read (zero or more)
     */
    public int padAfter(int in) {
        int out = outputSize(in);
        int lastEnd = (out - 1) * geometry.stride() + geometry.kernel();
        return Math.max(0, lastEnd - padBefore(in) - in);
    }

    private int totalSamePadding(int in) {
        int out = outputSize(in);
        return Math.max(0, (out - 1) * geometry.stride() + geometry.kernel() - in);
    }

    /** @return the same kernel and stride with no padding */
    public ConvGeometry unpadded() {
        return new ConvGeometry(geometry.kernel(), geometry.stride(), 0);
    }
}
