package org.bidizoo.layers.inversion;

import java.io.Serializable;
import java.util.Objects;

import org.bidizoo.layers.samediff.SdActivations;
import org.bidizoo.layers.transpose.ConvGeometry;
import org.bidizoo.layers.transpose.LinearMap;
import org.nd4j.linalg.activations.Activation;

/**
 * One step of an {@link InvertibleNet}: a convolution, a dense map, an activation, a pooling or a
 * residual block. Shapes are per example: convolutional tensors {@code [C, H, W]}, flat ones {@code [n]};
 * a dense step flattens a convolutional input in NCHW order. One-dimensional steps ({@link #conv1d},
 * {@link #maxPool1d}, {@link #meanPool1d}, {@link #residual1d}) work along the width of {@code [C, 1, T]}
 * (kernel 1×k), for signals.
 *
 * <p>Mutable only for DL4J's JSON (no-arg constructor, getters and setters); build with the static
 * factories.
 */
public class InvertibleStep implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a step computes. */
    public enum Kind {
        /** {@code W * x + b}, weights {@code [k, k, inC, outC]}, bias {@code [1, outC]} */
        CONV,
        /** {@code x W + b}, weights {@code [nIn, nOut]}, bias {@code [1, nOut]} */
        DENSE,
        /** an element-wise activation (RELU, LEAKYRELU, SIGMOID or IDENTITY) */
        ACTIVATION,
        /** non-overlapping pooling, window = stride = {@code kernel}, no padding */
        POOL,
        /** {@code a(x + conv_b(a(conv_a(x))))}: two same-size stride-1 convolutions with biases */
        RESIDUAL
    }

    /** Pooling kinds. */
    public enum Pool {
        /** maximum over the window; its transpose routes the signal to the arg-max */
        MAX,
        /** mean over the window; its transpose spreads the signal evenly */
        MEAN
    }

    private Kind kind;
    private int units;
    private int kernel;
    private int stride = 1;
    private int padding;
    private Activation activation;
    private Pool pool;
    private boolean oneD;

    /** For JSON deserialization. */
    public InvertibleStep() {
    }

    private InvertibleStep(Kind kind) {
        this.kind = kind;
    }

    /**
     * @param channels output channels, {@code >= 1}
     * @param kernel   square kernel side, {@code >= 1}
     * @param stride   stride, {@code >= 1}
     * @param padding  zero padding on every side, {@code >= 0}
     * @return a convolution step
     */
    public static InvertibleStep conv(int channels, int kernel, int stride, int padding) {
        InvertibleStep s = new InvertibleStep(Kind.CONV);
        s.units = channels;
        s.kernel = kernel;
        s.stride = stride;
        s.padding = padding;
        return s.validated();
    }

    /**
     * @param channels output channels, {@code >= 1}
     * @param kernel   kernel length, {@code >= 1}
     * @param stride   stride, {@code >= 1}
     * @param padding  zero padding at both ends, {@code >= 0}
     * @return a 1-D convolution along the width of {@code [C, 1, T]}
     */
    public static InvertibleStep conv1d(int channels, int kernel, int stride, int padding) {
        return conv(channels, kernel, stride, padding).oneDimensional();
    }

    /** @param kernel window length and stride, {@code >= 2} @return a 1-D max-pooling step */
    public static InvertibleStep maxPool1d(int kernel) {
        return pool(Pool.MAX, kernel).oneDimensional();
    }

    /** @param kernel window length and stride, {@code >= 2} @return a 1-D mean-pooling step */
    public static InvertibleStep meanPool1d(int kernel) {
        return pool(Pool.MEAN, kernel).oneDimensional();
    }

    /** @param kernel odd kernel length @param a activation @return a 1-D residual block */
    public static InvertibleStep residual1d(int kernel, Activation a) {
        return residual(kernel, a).oneDimensional();
    }

    /** @return this step, made 1-D (kernel 1×k along the width of {@code [C, 1, T]}) */
    public InvertibleStep oneDimensional() {
        this.oneD = true;
        return this;
    }

    /** @return the geometry along the width (kernel, stride, padding; pooling: window = stride) */
    public ConvGeometry widthGeometry() {
        return new ConvGeometry(kernel, stride, padding);
    }

    /** @return the geometry along the height: {@link ConvGeometry#IDENTITY} for 1-D steps, else as the width */
    public ConvGeometry heightGeometry() {
        return oneD ? ConvGeometry.IDENTITY : widthGeometry();
    }

    /** @param units output units, {@code >= 1} @return a dense step */
    public static InvertibleStep dense(int units) {
        InvertibleStep s = new InvertibleStep(Kind.DENSE);
        s.units = units;
        return s.validated();
    }

    /** @param a RELU, LEAKYRELU (slope 0.01), SIGMOID or IDENTITY @return an activation step */
    public static InvertibleStep activation(Activation a) {
        InvertibleStep s = new InvertibleStep(Kind.ACTIVATION);
        s.activation = a;
        return s.validated();
    }

    /** @param kernel window side and stride, {@code >= 2} @return a max-pooling step */
    public static InvertibleStep maxPool(int kernel) {
        return pool(Pool.MAX, kernel);
    }

    /** @param kernel window side and stride, {@code >= 2} @return a mean-pooling step */
    public static InvertibleStep meanPool(int kernel) {
        return pool(Pool.MEAN, kernel);
    }

    /** @param p the pooling kind @param kernel window side and stride, {@code >= 2} @return a pooling step */
    public static InvertibleStep pool(Pool p, int kernel) {
        InvertibleStep s = new InvertibleStep(Kind.POOL);
        s.pool = p;
        s.kernel = kernel;
        s.stride = kernel;
        return s.validated();
    }

    /**
     * @param kernel odd kernel side of both convolutions (padding {@code (kernel - 1) / 2})
     * @param a      activation inside and after the block
     * @return a residual block keeping the channel count and spatial size
     */
    public static InvertibleStep residual(int kernel, Activation a) {
        InvertibleStep s = new InvertibleStep(Kind.RESIDUAL);
        s.kernel = kernel;
        s.padding = (kernel - 1) / 2;
        s.activation = a;
        return s.validated();
    }

    /**
     * @return this step
     * @throws IllegalArgumentException naming the field, value and expectation
     */
    public InvertibleStep validated() {
        if (kind == null) {
            throw new IllegalArgumentException("step kind is null; expected one of CONV, DENSE, ACTIVATION, POOL, RESIDUAL");
        }
        switch (kind) {
            case CONV -> {
                require(units >= 1, "channels", units, ">= 1");
                require(kernel >= 1, "kernel", kernel, ">= 1");
                require(stride >= 1, "stride", stride, ">= 1");
                require(padding >= 0, "padding", padding, ">= 0");
            }
            case DENSE -> require(units >= 1, "units", units, ">= 1");
            case ACTIVATION -> requireActivation();
            case POOL -> {
                require(pool != null, "pool", pool, "MAX or MEAN");
                require(kernel >= 2, "kernel", kernel, ">= 2");
            }
            case RESIDUAL -> {
                require(kernel >= 1 && kernel % 2 == 1, "kernel", kernel, "an odd number >= 1");
                requireActivation();
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return this;
    }

    private void requireActivation() {
        require(SdActivations.transposable(activation), "activation", activation,
                "RELU, LEAKYRELU, SIGMOID or IDENTITY");
    }

    private void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(kind + " step: " + field + " = " + value + ", expected " + expected);
        }
    }

    /**
     * @param inChannels the step's input channels (used by RESIDUAL, whose convolutions keep them)
     * @return a CONV or DENSE step, or either convolution of a RESIDUAL block, as the shared descriptor
     * @throws IllegalArgumentException for a step without weights
     */
    public LinearMap map(long inChannels) {
        return switch (kind) {
            case CONV -> LinearMap.conv(units, heightGeometry(), widthGeometry());
            case DENSE -> LinearMap.dense(units);
            case RESIDUAL -> LinearMap.conv(Math.toIntExact(inChannels), heightGeometry(), widthGeometry());
            default -> throw new IllegalArgumentException("step " + this + " has no weights");
        };
    }

    /** @return whether the step has weights */
    public boolean hasParams() {
        return kind == Kind.CONV || kind == Kind.DENSE || kind == Kind.RESIDUAL;
    }

    @Override
    public String toString() {
        return (oneD ? "1d-" : "") + switch (kind) {
            case CONV -> "conv" + units + "k" + kernel + "s" + stride + "p" + padding;
            case DENSE -> "dense" + units;
            case ACTIVATION -> activation.toString().toLowerCase(java.util.Locale.ROOT);
            case POOL -> pool.toString().toLowerCase(java.util.Locale.ROOT) + "pool" + kernel;
            case RESIDUAL -> "residual-k" + kernel + "-" + activation.toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvertibleStep s && kind == s.kind && units == s.units && kernel == s.kernel
                && stride == s.stride && padding == s.padding && activation == s.activation && pool == s.pool
                && oneD == s.oneD;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, units, kernel, stride, padding, activation, pool, oneD);
    }

    // ---- getters and setters (DL4J's JSON serialization needs them) ----

    /** @return the kind */
    public Kind getKind() {
        return kind;
    }

    /** @param kind the kind */
    public void setKind(Kind kind) {
        this.kind = kind;
    }

    /** @return output channels (CONV) or units (DENSE) */
    public int getUnits() {
        return units;
    }

    /** @param units output channels or units */
    public void setUnits(int units) {
        this.units = units;
    }

    /** @return kernel side */
    public int getKernel() {
        return kernel;
    }

    /** @param kernel kernel side */
    public void setKernel(int kernel) {
        this.kernel = kernel;
    }

    /** @return stride */
    public int getStride() {
        return stride;
    }

    /** @param stride stride */
    public void setStride(int stride) {
        this.stride = stride;
    }

    /** @return padding */
    public int getPadding() {
        return padding;
    }

    /** @param padding padding */
    public void setPadding(int padding) {
        this.padding = padding;
    }

    /** @return the activation (ACTIVATION, RESIDUAL) */
    public Activation getActivation() {
        return activation;
    }

    /** @param activation the activation */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** @return whether the step works along the width only (kernel 1×k) */
    public boolean isOneD() {
        return oneD;
    }

    /** @param oneD whether the step works along the width only (JSON) */
    public void setOneD(boolean oneD) {
        this.oneD = oneD;
    }

    /** @return the pooling kind (POOL) */
    public Pool getPool() {
        return pool;
    }

    /** @param pool the pooling kind */
    public void setPool(Pool pool) {
        this.pool = pool;
    }
}
