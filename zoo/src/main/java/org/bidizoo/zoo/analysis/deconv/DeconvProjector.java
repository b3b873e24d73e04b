package org.bidizoo.zoo.analysis.deconv;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.layers.runtime.ConvKernels;
import org.bidizoo.layers.transpose.ActivationAdjoint;
import org.bidizoo.layers.transpose.MaxPoolSwitches;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Projects a signal at a convolution layer's output back to pixel space (Zeiler and Fergus 2014): down
 * through each layer of a {@link DeconvPath}, max pooling is undone by unpooling at the switches the
 * forward pass recorded, activations are passed by the {@link BackwardRule}, and convolutions by their
 * transposed filters (the adjoint, {@link ConvKernels#convT}). Under {@link BackwardRule#BACKPROP} the
 * projection of a one-hot signal is the gradient of that unit with respect to the input.
 *
 * <p>Arrays are NCHW in the network's data type; a network that reshapes a flat input itself also takes
 * {@code [b, C*H*W]}.
 */
public final class DeconvProjector {
    private final DeconvPath path;
    private final BackwardRule rule;

    /**
     * @param path the layers to pass
     * @param rule how activations are passed on the way down
     */
    public DeconvProjector(DeconvPath path, BackwardRule rule) {
        this.path = java.util.Objects.requireNonNull(path, "path");
        this.rule = java.util.Objects.requireNonNull(rule, "rule");
    }

    /** What the forward pass keeps for the projection: each step's input, pre-activation, output and switches. */
    public static final class Trace {
        private final List<INDArray> inputs = new ArrayList<>();
        private final List<INDArray> pre = new ArrayList<>();
        private final List<INDArray> out = new ArrayList<>();
        private final List<MaxPoolSwitches> switches = new ArrayList<>();

        /** @return the projected layer's output {@code [b, maps, h, w]} */
        public INDArray output() {
            return out.get(out.size() - 1);
        }

        /** @return the network input as images {@code [b, C, H, W]} */
        public INDArray input() {
            return inputs.get(0);
        }
    }

    /**
     * @param x {@code [b, C, H, W]} (or {@code [b, C*H*W]}, see the class comment)
     * @return the forward pass up to the projected layer
     */
    public Trace forward(INDArray x) {
        Trace t = new Trace();
        INDArray h = images(x).castTo(path.top().weights().dataType());
        for (DeconvStep s : path.steps()) {
            t.inputs.add(h);
            if (s instanceof DeconvStep.Conv c) {
                int hh = (int) h.size(2);
                int ww = (int) h.size(3);
                INDArray padded = pad(h, c.height().padBefore(hh), c.height().padAfter(hh), c.width().padBefore(ww),
                        c.width().padAfter(ww));
                INDArray pre = ConvKernels.conv(padded, c.weights(), c.bias(), c.height().unpadded(),
                        c.width().unpadded());
                t.pre.add(pre);
                h = ActivationAdjoint.forward(c.activation(), pre);
                t.switches.add(null);
            } else if (s instanceof DeconvStep.MaxPool p) {
                int hh = (int) h.size(2);
                int ww = (int) h.size(3);
                MaxPoolSwitches.Pooled pooled = MaxPoolSwitches.pool(h, p.height().geometry(), p.width().geometry(),
                        p.height().padBefore(hh), p.width().padBefore(ww), p.height().outputSize(hh),
                        p.width().outputSize(ww));
                t.pre.add(null);
                h = pooled.output();
                t.switches.add(pooled.switches());
            } else {
                DeconvStep.Act a = (DeconvStep.Act) s;
                t.pre.add(h);
                h = ActivationAdjoint.forward(a.activation(), h);
                t.switches.add(null);
            }
            t.out.add(h);
        }
        return t;
    }

    /**
     * @param t      a forward pass
     * @param signal {@code [b, maps, h, w]}, the shape of {@code t.output()}: what to send down
     * @return the projection {@code [b, C, H, W]}
     */
    public INDArray project(Trace t, INDArray signal) {
        if (!java.util.Arrays.equals(signal.shape(), t.output().shape())) {
            throw new IllegalArgumentException("signal: shape " + java.util.Arrays.toString(signal.shape())
                    + "; expected the layer output's " + java.util.Arrays.toString(t.output().shape()));
        }
        INDArray g = signal.castTo(t.output().dataType()).dup();
        List<DeconvStep> steps = path.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            DeconvStep s = steps.get(i);
            INDArray in = t.inputs.get(i);
            if (s instanceof DeconvStep.Conv c) {
                g = passActivation(c.activation(), t.pre.get(i), t.out.get(i), g);
                int hh = (int) in.size(2);
                int ww = (int) in.size(3);
                int top = c.height().padBefore(hh);
                int left = c.width().padBefore(ww);
                INDArray full = ConvKernels.convT(g, c.weights(), c.height().unpadded(), c.width().unpadded(),
                        hh + top + c.height().padAfter(hh), ww + left + c.width().padAfter(ww));
                g = full.get(ConvKernels.region(top, hh, left, ww)).dup();
            } else if (s instanceof DeconvStep.MaxPool) {
                g = t.switches.get(i).unpool(g);
            } else {
                g = passActivation(((DeconvStep.Act) s).activation(), t.pre.get(i), t.out.get(i), g);
            }
        }
        return g;
    }

    /**
     * Zeiler and Fergus's projection of one feature map: every other map set to zero, and in this map only
     * its strongest unit kept ({@code strongestOnly}) or the whole map.
     *
     * @param x             images {@code [b, C, H, W]}
     * @param map           feature map of the projected layer
     * @param strongestOnly keep only each image's strongest unit of the map
     * @return the projection of each image {@code [b, C, H, W]}
     */
    public INDArray projectMap(INDArray x, int map, boolean strongestOnly) {
        int maps = path.top().maps();
        if (map < 0 || map >= maps) {
            throw new IllegalArgumentException("map " + map + ": expected 0 to " + (maps - 1) + " (layer '"
                    + path.layer() + "' has " + maps + " feature maps)");
        }
        Trace t = forward(x);
        return project(t, mapSignal(t.output(), map, strongestOnly));
    }

    /**
     * @param out           a layer output {@code [b, maps, h, w]}
     * @param map           the map to keep
     * @param strongestOnly keep only each example's largest value in that map
     * @return the signal: zero but for the kept values
     */
    public static INDArray mapSignal(INDArray out, int map, boolean strongestOnly) {
        INDArray s = Nd4j.zeros(out.dataType(), out.shape());
        for (long n = 0; n < out.size(0); n++) {
            INDArray m = out.slice(n).slice(map);
            INDArray target = s.slice(n).slice(map);
            if (strongestOnly) {
                long arg = m.reshape(m.length()).argMax().getLong(0);
                long w = out.size(3);
                target.putScalar(new long[] {arg / w, arg % w}, m.getDouble(arg / w, arg % w));
            } else {
                target.assign(m);
            }
        }
        return s;
    }

    private INDArray passActivation(Activation a, INDArray pre, INDArray out, INDArray g) {
        if (a == Activation.RELU && rule != BackwardRule.BACKPROP) {
            g = Transforms.relu(g, true);
            if (rule == BackwardRule.DECONVNET) {
                return g;
            }
        }
        return ActivationAdjoint.backwardInPlace(a, pre, out, g);
    }

    private INDArray images(INDArray x) {
        if (x.rank() == 4) {
            return x;
        }
        long[] flat = path.flatInputShape();
        if (x.rank() == 2 && flat != null && x.size(1) == flat[0] * flat[1] * flat[2]) {
            return x.reshape('c', x.size(0), flat[0], flat[1], flat[2]);
        }
        throw new IllegalArgumentException("input: shape " + java.util.Arrays.toString(x.shape()) + "; expected [b, C,"
                + " H, W]" + (flat == null ? "" : " or [b, " + flat[0] * flat[1] * flat[2] + "]"));
    }

    private static INDArray pad(INDArray x, int top, int bottom, int left, int right) {
        if (top == 0 && bottom == 0 && left == 0 && right == 0) {
            return x;
        }
        INDArray p = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), x.size(2) + top + bottom,
                x.size(3) + left + right);
        p.get(ConvKernels.region(top, x.size(2), left, x.size(3))).assign(x);
        return p;
    }

    /** @return the path this projector passes */
    public DeconvPath path() {
        return path;
    }
}
