package org.bidizoo.layers.inversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.runtime.PassCache;
import org.bidizoo.layers.runtime.PassRuntime;
import org.bidizoo.layers.samediff.CorrectedSameDiffLayer;
import org.bidizoo.layers.samediff.InputShapes;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier network that also outputs its own inverse (seed 002): the logits f(x) of a stack of
 * {@link InvertibleStep}s (convolutions, dense maps, ReLU / leaky-ReLU / sigmoid, max or mean pooling,
 * residual blocks; the last step dense), and the reconstruction x̂ = J(x)ᵀ f(x) computed by an
 * explicit transposed pass through the same weights. x̂ equals {@link NetworkInverse}'s
 * one-backward-pass inverse of the same network, and unlike it is differentiable, so the
 * reconstruction loss R = ‖x̂ − x‖² (Eq. 8) can be trained with the ordinary {@code fit}.
 *
 * <p>Two runtimes compute the same numbers ({@link PassRuntime}): by default hand-written forward
 * and backward passes ({@link InvertiblePass}, run by {@link InvertibleNetLayer}), and as the
 * reference a SameDiff graph ({@link InvertibleGraph}) differentiated by SameDiff.
 *
 * <p>Input {@code [b, C, H, W]} (or flat {@code [b, n]} when the first step is dense). Output per
 * {@link InversionOutput}: {@code [b, numClasses]} or {@code [b, numClasses + C·H·W]}.
 */
public class InvertibleNet extends CorrectedSameDiffLayer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InvertibleNet.class);
    private static final long serialVersionUID = 1L;

    private List<InvertibleStep> steps;
    private InversionOutput output;
    private long[] inputShape;
    private double[] layerWeights;
    private PassRuntime runtime = PassRuntime.DIRECT;
    private boolean inputGradient = true;

    /** For JSON deserialization. */
    public InvertibleNet() {
    }

    private InvertibleNet(Builder b) {
        super(b);
        this.steps = new ArrayList<>(b.steps);
        this.output = b.output;
        this.inputShape = b.inputShape;
        this.layerWeights = b.layerWeights;
        this.runtime = b.runtime;
        this.inputGradient = b.inputGradient;
        if (inputShape != null) {
            shapes();
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return shapes through the stack
     * @throws IllegalStateException if the input shape is not known yet
     */
    public InvertibleShapes shapes() {
        if (inputShape == null) {
            throw new IllegalStateException("InvertibleNet " + getLayerName() + ": input shape unknown; set inputShape(...)"
                    + " on the builder, or give the graph its input types (setInputTypes)");
        }
        return InvertibleShapes.of(inputShape, steps);
    }

    private boolean convFirst() {
        InvertibleStep.Kind k = steps.get(0).getKind();
        return k != InvertibleStep.Kind.DENSE;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        if (runtime == PassRuntime.SAMEDIFF) {
            return super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                    networkDataType);
        }
        return PassCache.wire(new InvertibleNetLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializer().init(conf, layerParamsView, initializeParams));
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return new InvertibleGraph(this, sd, params).build(input);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        InvertibleShapes s = shapes();
        for (int i = 0; i < steps.size(); i++) {
            InvertibleStep st = steps.get(i);
            if (st.getKind() == InvertibleStep.Kind.RESIDUAL) {
                for (char br : new char[] {'a', 'b'}) {
                    params.addWeightParam(InvertibleParams.residualWeight(i, br), s.weightShape(i));
                    params.addBiasParam(InvertibleParams.residualBias(i, br), 1, s.biasSize(i));
                }
            } else if (st.hasParams()) {
                params.addWeightParam(InvertibleParams.weight(i), s.weightShape(i));
                params.addBiasParam(InvertibleParams.bias(i), 1, s.biasSize(i));
            }
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        WeightInit wi = getWeightInit() == null ? WeightInit.XAVIER : getWeightInit();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            if (e.getKey().startsWith("b")) {
                e.getValue().assign(0);
                continue;
            }
            long[] ws = e.getValue().shape();
            double fanIn = ws.length == 4 ? ws[0] * ws[1] * ws[2] : ws[0];
            double fanOut = ws.length == 4 ? ws[0] * ws[1] * ws[3] : ws[1];
            wi.getWeightInitFunction().init(fanIn, fanOut, ws, 'c', e.getValue());
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputShape == null) {
            setNIn(inputType, false);
        }
        InvertibleShapes s = shapes();
        return InputType.feedForward(output == InversionOutput.LOGITS ? s.numClasses()
                : s.numClasses() + s.size(0) + (output == InversionOutput.ALL ? 1 : 0));
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputShape != null && !override) {
            return;
        }
        long[] s = InputShapes.of("InvertibleNet " + getLayerName(), inputType, convFirst());
        for (String f : InvertibleShapes.of(s, steps).floors()) {
            LOG.warn("InvertibleNet {}: {}", getLayerName(), f);
        }
        this.inputShape = s;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputShapes.preProcessor("InvertibleNet " + getLayerName(), steps.get(0), inputType, convFirst());
    }

    @Override
    public void validateInput(INDArray input) {
        long[] got = Arrays.copyOfRange(input.shape(), 1, input.rank());
        if (!Arrays.equals(got, inputShape)) {
            throw new IllegalArgumentException("InvertibleNet " + getLayerName() + ": input of shape "
                    + Arrays.toString(input.shape()) + " does not match the configured input [batch, "
                    + Arrays.toString(inputShape).replace("[", "").replace("]", "") + "]");
        }
    }

    // ---- getters and setters (DL4J's JSON serialization needs them) ----

    /** @return the steps, input first */
    public List<InvertibleStep> getSteps() {
        return steps;
    }

    /** @param steps the steps */
    public void setSteps(List<InvertibleStep> steps) {
        this.steps = steps;
    }

    /** @return what the layer outputs */
    public InversionOutput getOutput() {
        return output;
    }

    /** @param output what the layer outputs */
    public void setOutput(InversionOutput output) {
        this.output = output;
    }

    /** @return γ_ℓ per step input ℓ (index 0 unused) for {@link InversionOutput#ALL}, or null */
    public double[] getLayerWeights() {
        return layerWeights == null ? null : layerWeights.clone();
    }

    /** @param layerWeights γ_ℓ per step input (JSON) */
    public void setLayerWeights(double[] layerWeights) {
        this.layerWeights = layerWeights == null ? null : layerWeights.clone();
    }

    /** @return how outputs and gradients are computed ({@link PassRuntime#DIRECT} by default) */
    public PassRuntime getRuntime() {
        return runtime;
    }

    /** @param runtime how outputs and gradients are computed (JSON; null means DIRECT) */
    public void setRuntime(PassRuntime runtime) {
        this.runtime = runtime == null ? PassRuntime.DIRECT : runtime;
    }

    /** @return whether the hand-written runtime computes dL/d(input) (see {@link Builder#inputGradient}) */
    public boolean isInputGradient() {
        return inputGradient;
    }

    /** @param inputGradient whether the hand-written runtime computes dL/d(input) (JSON) */
    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    /** @return per-example input shape, or null before the graph sets it */
    public long[] getInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @param inputShape per-example input shape */
    public void setInputShape(long[] inputShape) {
        this.inputShape = inputShape == null ? null : inputShape.clone();
    }

    /** Builder; {@link #build()} names any bad value. */
    public static final class Builder extends CorrectedSameDiffLayer.Builder<Builder> {
        private final List<InvertibleStep> steps = new ArrayList<>();
        private InversionOutput output = InversionOutput.BOTH;
        private long[] inputShape;
        private double[] layerWeights;
        private PassRuntime runtime = PassRuntime.DIRECT;
        private boolean inputGradient = true;

        /**
         * Whether the backward pass computes dL/d(input) (default true). A layer on the graph's input needs none
         * (DL4J discards the input's epsilon): false spares the first step's input gradient (for a first
         * convolution from one channel, libnd4j's {@code conv2d_bp} gives way to the weight gradient alone), and the
         * hand-written runtime then returns no epsilon. {@code InputGradients} (FGSM, {@code NetworkInverse}) turns
         * it back on for its own call. The SameDiff runtime always computes it.
         *
         * @param on compute dL/d(input)
         * @return this
         */
        public Builder inputGradient(boolean on) {
            this.inputGradient = on;
            return this;
        }

        /**
         * @param e DIRECT (default: hand-written passes) or SAMEDIFF (the SameDiff graph, the reference)
         * @return this
         */
        public Builder runtime(PassRuntime r) {
            this.runtime = r;
            return this;
        }

        /**
         * Eq. 11–12's per-layer reconstruction losses, output as one extra column ({@link InversionOutput#ALL}).
         *
         * @param gamma γ_ℓ for the input of step ℓ, one per step; γ_0 must be 0 (the input's own
         *              reconstruction is the {@code BOTH} part); zeros switch a layer off
         * @return this
         */
        public Builder layerWeights(double... gamma) {
            this.layerWeights = gamma.clone();
            return this;
        }

        /** @param s steps to append, input side first @return this */
        public Builder steps(InvertibleStep... s) {
            steps.addAll(Arrays.asList(s));
            return this;
        }

        /** @param o LOGITS or BOTH (default) @return this */
        public Builder output(InversionOutput o) {
            this.output = o;
            return this;
        }

        /** @param shape per-example input, {@code [C, H, W]} or {@code [n]} (else taken from the graph's input types) @return this */
        public Builder inputShape(long... shape) {
            if (shape == null || (shape.length != 1 && shape.length != 3) || Arrays.stream(shape).anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException("inputShape = " + Arrays.toString(shape) + ", expected [C, H, W] or"
                        + " [n] with every size >= 1");
            }
            this.inputShape = shape.clone();
            return this;
        }

        /** @return the layer */
        @Override
        @SuppressWarnings("unchecked")
        public InvertibleNet build() {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("steps: expected at least one step, the last one dense (the logits)");
            }
            for (InvertibleStep s : steps) {
                if (s == null) {
                    throw new IllegalArgumentException("steps: a step is null");
                }
                s.validated();
            }
            if (steps.get(steps.size() - 1).getKind() != InvertibleStep.Kind.DENSE) {
                throw new IllegalArgumentException("steps: the last step must be dense (it gives the logits f(x)), got "
                        + steps.get(steps.size() - 1));
            }
            if (output == null) {
                throw new IllegalArgumentException("output = null, expected LOGITS, BOTH or ALL");
            }
            if (runtime == null) {
                throw new IllegalArgumentException("runtime = null, expected DIRECT or SAMEDIFF");
            }
            if ((output == InversionOutput.ALL) != (layerWeights != null)) {
                throw new IllegalArgumentException("layerWeights " + (layerWeights == null ? "missing" : "given")
                        + " with output " + output + "; per-layer losses need output ALL and layerWeights together");
            }
            if (layerWeights != null) {
                if (layerWeights.length != steps.size()) {
                    throw new IllegalArgumentException("layerWeights has " + layerWeights.length
                            + " values, expected one per step (" + steps.size() + ")");
                }
                for (int i = 0; i < layerWeights.length; i++) {
                    double g = layerWeights[i];
                    if (!(g >= 0) || Double.isInfinite(g) || (i == 0 && g != 0)) {
                        throw new IllegalArgumentException("layerWeights[" + i + "] = " + g + ", expected "
                                + (i == 0 ? "0 (the input's reconstruction is the BOTH part)" : "a finite number >= 0"));
                    }
                }
            }
            return new InvertibleNet(this);
        }
    }
}
