package org.bidizoo.layers.associated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * One Associated Learning block i: the feature function f_i (one or more DL4J layers, s_{i-1} →
 * s_i), the target width |t_i| of g_i ({@code [b, |t_{i-1}|] → [b, |t_i|]}, dense), the hidden
 * widths of the bridge b_i ({@code s_i → … → [b, |t_i|]}, dense) and the activations of g_i, h_i
 * and b_i (sigmoid by default, as in the thesis). Immutable; {@link Builder#build()} validates.
 */
public final class AssociatedBlock {
    private final List<ForwardPart> forward;
    private final int targetWidth;
    private final int[] bridgeHidden;
    private final Activation targetActivation;
    private final Activation bridgeActivation;

    private AssociatedBlock(Builder b) {
        this.forward = Collections.unmodifiableList(new ArrayList<>(b.forward));
        this.targetWidth = b.targetWidth;
        this.bridgeHidden = b.bridgeHidden.clone();
        this.targetActivation = b.targetActivation;
        this.bridgeActivation = b.bridgeActivation;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The thesis' dense block: f_i = dense(width, ELU).
     *
     * @param width        |s_i|
     * @param targetWidth  |t_i|
     * @param bridgeHidden hidden widths of b_i (none: b_i is one dense layer s_i → t_i)
     * @return the block
     */
    public static AssociatedBlock dense(int width, int targetWidth, int... bridgeHidden) {
        return builder().dense(width).targetWidth(targetWidth).bridge(bridgeHidden).build();
    }

    /** @return f_i's parts, in order (layers are templates: the graph builder clones them) */
    public List<ForwardPart> forward() {
        return forward;
    }

    /** @return |t_i| */
    public int targetWidth() {
        return targetWidth;
    }

    /** @return b_i's hidden widths (a copy) */
    public int[] bridgeHidden() {
        return bridgeHidden.clone();
    }

    /** @return the activation of g_i and h_i */
    public Activation targetActivation() {
        return targetActivation;
    }

    /** @return the activation of b_i's layers */
    public Activation bridgeActivation() {
        return bridgeActivation;
    }

    @Override
    public String toString() {
        return "AssociatedBlock(f: " + forward + ", |t| = " + targetWidth + ", bridge "
                + Arrays.toString(bridgeHidden) + ")";
    }

    /** Builder of a block; f_i's layers are added in order. */
    public static final class Builder {
        private final List<ForwardPart> forward = new ArrayList<>();
        private int targetWidth = -1;
        private int[] bridgeHidden = new int[0];
        private Activation targetActivation = Activation.SIGMOID;
        private Activation bridgeActivation = Activation.SIGMOID;

        /** @param width units of a dense ELU layer appended to f_i @return this */
        public Builder dense(int width) {
            requirePositive("dense width", width);
            return layer(new DenseLayer.Builder().nOut(width).activation(Activation.ELU).build());
        }

        /**
         * @param channels output channels of a k×k convolution (stride 1, same padding, ELU) appended to f_i
         * @param kernel   k
         * @return this
         */
        public Builder conv(int channels, int kernel) {
            requirePositive("conv channels", channels);
            requirePositive("conv kernel", kernel);
            return layer(new ConvolutionLayer.Builder(kernel, kernel).nOut(channels)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.ELU).build());
        }

        /** @param size appends a size×size max-pooling with stride size to f_i @return this */
        public Builder maxPool(int size) {
            requirePositive("maxPool size", size);
            return layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(size, size)
                    .stride(size, size).build());
        }

        /** @return this, with a batch normalisation appended to f_i */
        public Builder batchNorm() {
            return layer(new BatchNormalization.Builder().build());
        }

        /** @param layer any DL4J feed-forward or convolutional layer appended to f_i (kept as given) @return this */
        public Builder layer(Layer layer) {
            if (layer == null) {
                throw new IllegalArgumentException("layer = null, expected a DL4J layer configuration");
            }
            forward.add(new LayerPart(layer));
            return this;
        }

        /**
         * @param channels output channels of a ResNet basic unit appended to f_i (ELU)
         * @param stride   1, or 2 to halve height and width (then the shortcut is a 1×1 convolution)
         * @param project  a 1×1 convolution shortcut even at stride 1 (when the channels change)
         * @return this
         */
        public Builder residual(int channels, int stride, boolean project) {
            forward.add(new ResidualUnit(channels, stride, project || stride > 1, Activation.ELU));
            return this;
        }

        /** @param part any part of f_i @return this */
        public Builder part(ForwardPart part) {
            if (part == null) {
                throw new IllegalArgumentException("part = null, expected a ForwardPart");
            }
            forward.add(part);
            return this;
        }

        /** @param width |t_i|, {@code >= 1} @return this */
        public Builder targetWidth(int width) {
            this.targetWidth = width;
            return this;
        }

        /** @param hidden b_i's hidden widths, each {@code >= 1} (none: one layer) @return this */
        public Builder bridge(int... hidden) {
            this.bridgeHidden = hidden == null ? new int[0] : hidden.clone();
            return this;
        }

        /** @param a activation of g_i and h_i (default sigmoid) @return this */
        public Builder targetActivation(Activation a) {
            this.targetActivation = a;
            return this;
        }

        /** @param a activation of b_i (default sigmoid) @return this */
        public Builder bridgeActivation(Activation a) {
            this.bridgeActivation = a;
            return this;
        }

        /** @return the block @throws IllegalArgumentException naming the bad value */
        public AssociatedBlock build() {
            if (forward.isEmpty()) {
                throw new IllegalArgumentException("forward layers = [], expected at least one layer for f_i");
            }
            if (targetWidth < 1) {
                throw new IllegalArgumentException("targetWidth = " + targetWidth + ", expected >= 1");
            }
            for (int h : bridgeHidden) {
                requirePositive("bridge width", h);
            }
            if (targetActivation == null || bridgeActivation == null) {
                throw new IllegalArgumentException("activations must not be null");
            }
            return new AssociatedBlock(this);
        }

        private static void requirePositive(String what, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " = " + v + ", expected >= 1");
            }
        }
    }
}
