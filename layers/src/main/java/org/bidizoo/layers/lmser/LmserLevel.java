package org.bidizoo.layers.lmser;

import java.io.Serializable;
import java.util.Objects;

import org.bidizoo.layers.transpose.ConvGeometry;
import org.bidizoo.layers.transpose.LinearMap;

/**
 * One level of an Lmser stack: a dense level of {@code units} neurons ({@code W: [nIn, units]}) or a
 * convolutional level of {@code units} channels ({@code W: [kernel, kernel, inC, units]}, stride,
 * zero padding). Bottom-up the level applies W; top-down it applies Wᵀ (or the transposed
 * convolution) on the same weights.
 *
 * <p>The no-arg constructor and setters exist for DL4J's JSON serialization.
 */
public class LmserLevel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Dense or convolutional. */
    public enum Kind {
        /** fully connected */
        DENSE,
        /** 2-D convolution, NCHW */
        CONV
    }

    private Kind kind;
    private int units;
    private int kernel;
    private int stride;
    private int padding;

    /** For JSON. */
    public LmserLevel() {
    }

    private LmserLevel(Kind kind, int units, int kernel, int stride, int padding) {
        this.kind = kind;
        this.units = units;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * @param units neurons, {@code >= 1}
     * @return a dense level
     */
    public static LmserLevel dense(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("dense level units must be >= 1, got " + units);
        }
        return new LmserLevel(Kind.DENSE, units, 0, 0, 0);
    }

    /**
     * @param channels output channels, {@code >= 1}
     * @param kernel   kernel side
     * @param stride   stride
     * @param padding  zero padding
     * @return a convolutional level
     */
    public static LmserLevel conv(int channels, int kernel, int stride, int padding) {
        if (channels < 1) {
            throw new IllegalArgumentException("conv level channels must be >= 1, got " + channels);
        }
        new ConvGeometry(kernel, stride, padding);
        return new LmserLevel(Kind.CONV, channels, kernel, stride, padding);
    }

    /** @return whether this is a convolutional level */
    public boolean isConv() {
        return kind == Kind.CONV;
    }

    /** @return the convolution's geometry (conv levels only) */
    public ConvGeometry geometry() {
        return new ConvGeometry(kernel, stride, padding);
    }

    /** @return the level as the shared descriptor (one geometry on both axes) */
    public LinearMap map() {
        return isConv() ? LinearMap.conv(units, geometry(), geometry()) : LinearMap.dense(units);
    }

    /** @return dense or conv */
    public Kind getKind() {
        return kind;
    }

    /** @param kind dense or conv */
    public void setKind(Kind kind) {
        this.kind = kind;
    }

    /** @return neurons (dense) or output channels (conv) */
    public int getUnits() {
        return units;
    }

    /** @param units neurons (dense) or output channels (conv) */
    public void setUnits(int units) {
        this.units = units;
    }

    /** @return kernel side (conv) */
    public int getKernel() {
        return kernel;
    }

    /** @param kernel kernel side (conv) */
    public void setKernel(int kernel) {
        this.kernel = kernel;
    }

    /** @return stride (conv) */
    public int getStride() {
        return stride;
    }

    /** @param stride stride (conv) */
    public void setStride(int stride) {
        this.stride = stride;
    }

    /** @return zero padding (conv) */
    public int getPadding() {
        return padding;
    }

    /** @param padding zero padding (conv) */
    public void setPadding(int padding) {
        this.padding = padding;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LmserLevel)) {
            return false;
        }
        LmserLevel l = (LmserLevel) o;
        return kind == l.kind && units == l.units && kernel == l.kernel && stride == l.stride && padding == l.padding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, units, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return kind == Kind.DENSE ? "dense(" + units + ")"
                : "conv(" + units + ", k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
    }
}
