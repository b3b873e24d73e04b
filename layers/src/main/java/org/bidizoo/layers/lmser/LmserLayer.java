package org.bidizoo.layers.lmser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.runtime.PassCache;
import org.bidizoo.layers.runtime.PassRuntime;
import org.bidizoo.layers.samediff.CorrectedSameDiffLayer;
import org.bidizoo.layers.samediff.InputShapes;
import org.bidizoo.layers.samediff.SdActivations;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A whole Lmser stack (Xu 1991/1993; Huang, Tu and Xu, seed 000) in one DL4J layer, so that the
 * top-down pass uses exactly the bottom-up weights.
 *
 * <p>Levels are dense ({@code W: [nIn, nOut]}) or convolutional ({@code W: [k, k, inC, outC]},
 * conv bottom-up, transposed conv top-down on the same filters); convolutional levels come first.
 * One reflection is a bottom-up and a top-down pass; see {@link LmserGraph} for the equations.
 * Switches: tied weights (DCW; off = separate top-down weights, a plain autoencoder), paired
 * neurons (DPN; off = Lmser(un-n)), the {@link Pairing} rule, the number of reflections, biases
 * (bottom-up {@code b_k} and top-down {@code c_k}, on by default; the papers' equations have none).
 *
 * <p>Input: {@code [b, n]} when the first level is dense (image inputs are flattened by DL4J's
 * preprocessor), {@code [b, C, H, W]} when it is convolutional. Output ({@link LmserOutput}): the
 * reconstruction, shaped like the input; the top code, {@code [b, units]} or {@code [b, C, H, W]};
 * or both flattened and concatenated, {@code [b, inputSize + codeSize]}.
 *
 * <p>The no-arg constructor and setters exist for DL4J's JSON serialization.
 */
public class LmserLayer extends CorrectedSameDiffLayer {
    private static final long serialVersionUID = 1L;

    private List<LmserLevel> levels;
    private Activation activation;
    private Activation codeActivation;
    private Activation outputActivation;
    private int reflections;
    private boolean tiedWeights;
    private boolean pairedNeurons;
    private Pairing pairing;
    private boolean biases;
    private LmserOutput output;
    private long[] inputShape;
    private PassRuntime runtime = PassRuntime.DIRECT;
    private double codeNoise;
    private int codeNoiseFrom;
    private boolean inputGradient = true;
    private double perceptionTolerance;
    private int perceptionMaxIterations;
    private double perceptionStep = 1.0;
    private double codeL1;
    private double codeKlTarget;
    private double codeKlWeight;
    private double contraction;

    /** For JSON. */
    public LmserLayer() {
    }

    private LmserLayer(Builder b) {
        super(b);
        this.levels = new ArrayList<>(b.levels);
        this.activation = b.activation;
        this.codeActivation = b.codeActivation == null ? b.activation : b.codeActivation;
        this.outputActivation = b.outputActivation;
        this.reflections = b.reflections;
        this.tiedWeights = b.tiedWeights;
        this.pairedNeurons = b.pairedNeurons;
        this.pairing = b.pairing;
        this.biases = b.biases;
        this.output = b.output;
        this.inputShape = b.inputShape;
        this.runtime = b.runtime;
        this.codeNoise = b.codeNoise;
        this.codeNoiseFrom = b.codeNoiseFrom;
        this.inputGradient = b.inputGradient;
        this.perceptionTolerance = b.perceptionTolerance;
        this.perceptionMaxIterations = b.perceptionMaxIterations;
        this.perceptionStep = b.perceptionStep;
        this.codeL1 = b.codeL1;
        this.codeKlTarget = b.codeKlTarget;
        this.codeKlWeight = b.codeKlWeight;
        this.contraction = b.contraction;
        if (inputShape != null) {
            shapes();
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the validated activity shapes
     * @throws IllegalStateException if the input shape is not known yet
     */
    public LmserShapes shapes() {
        if (inputShape == null) {
            throw new IllegalStateException("LmserLayer " + getLayerName() + ": input shape unknown; set nIn(...) or"
                    + " inputShape(...) on the builder, or give the graph its input types (setInputTypes)");
        }
        return LmserShapes.of(inputShape, levels);
    }

    /**
     * Uses the hand-written runtime (dense and convolutional levels) when the runtime is DIRECT; the
     * SameDiff graph for runtime SAMEDIFF and the HIDDEN output.
     */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (perceptionTolerance > 0) {
            return PassCache.wire(new PerceptionLmserLayerImpl(conf, networkDataType), conf, trainingListeners,
                    layerIndex, layerParamsView, initializer().init(conf, layerParamsView, initializeParams));
        }
        if (runtime == PassRuntime.SAMEDIFF || output == LmserOutput.HIDDEN
                || !LmserPass.supports(levels, inputShape, networkDataType)) {
            if (codeNoise > 0) {
                throw new IllegalArgumentException("LmserLayer " + getLayerName() + ": codeNoise = " + codeNoise
                        + " needs the hand-written runtime (runtime DIRECT, output other than HIDDEN); the SameDiff"
                        + " graph has no training flag to switch the noise off at test time");
            }
            if (CodePenalties.any(this)) {
                throw new IllegalArgumentException("LmserLayer " + getLayerName() + ": code penalties (codeL1 = "
                        + codeL1 + ", codeKL weight = " + codeKlWeight + ", contraction = " + contraction + ") need"
                        + " the dense runtime (all-dense levels, runtime DIRECT, output not HIDDEN, FLOAT or DOUBLE);"
                        + " got runtime " + runtime + ", output " + output + ", data type " + networkDataType);
            }
            return super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                    networkDataType);
        }
        return PassCache.wire(new LmserLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializer().init(conf, layerParamsView, initializeParams));
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return new LmserGraph(this, sd, params).build(input);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        LmserShapes s = shapes();
        for (int k = 0; k < levels.size(); k++) {
            LmserLevel l = levels.get(k);
            params.addWeightParam(LmserParams.weight(k), s.weightShape(k, l));
            if (!tiedWeights) {
                params.addWeightParam(LmserParams.decoderWeight(k), s.weightShape(k, l));
            }
            if (biases) {
                params.addBiasParam(LmserParams.bias(k), 1, l.getUnits());
                params.addBiasParam(LmserParams.topDownBias(k), 1, s.topDownBiasSize(k, l));
            }
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        LmserShapes s = shapes();
        WeightInit wi = getWeightInit() == null ? WeightInit.XAVIER : getWeightInit();
        for (int k = 0; k < levels.size(); k++) {
            LmserLevel l = levels.get(k);
            long[] ws = s.weightShape(k, l);
            double fanIn = l.isConv() ? ws[0] * ws[1] * ws[2] : ws[0];
            double fanOut = l.isConv() ? ws[0] * ws[1] * ws[3] : ws[1];
            wi.getWeightInitFunction().init(fanIn, fanOut, ws, 'c', params.get(LmserParams.weight(k)));
            if (!tiedWeights) {
                wi.getWeightInitFunction().init(fanOut, fanIn, ws, 'c', params.get(LmserParams.decoderWeight(k)));
            }
            if (biases) {
                params.get(LmserParams.bias(k)).assign(0);
                params.get(LmserParams.topDownBias(k)).assign(0);
            }
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputShape == null) {
            setNIn(inputType, false);
        }
        LmserShapes s = shapes();
        switch (output) {
            case RECONSTRUCTION:
                return typeOf(s.shape(0));
            case CODE:
                return typeOf(s.shape(s.levels()));
            case HIDDEN:
                long n = 0;
                for (int k = 1; k <= s.levels(); k++) {
                    n += s.size(k);
                }
                return InputType.feedForward(n);
            default:
                return InputType.feedForward(s.inputSize() + s.codeSize());
        }
    }

    private static InputType typeOf(long[] shape) {
        return shape.length == 3 ? InputType.convolutional(shape[1], shape[2], shape[0], CNN2DFormat.NCHW)
                : InputType.feedForward(shape[0]);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputShape != null && !override) {
            return;
        }
        long[] s = InputShapes.of("LmserLayer " + getLayerName(), inputType, levels.get(0).isConv());
        LmserShapes.of(s, levels);
        this.inputShape = s;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputShapes.preProcessor("LmserLayer " + getLayerName(), levels.get(0), inputType,
                levels.get(0).isConv());
    }

    @Override
    public void validateInput(INDArray input) {
        long[] got = Arrays.copyOfRange(input.shape(), 1, input.rank());
        if (!Arrays.equals(got, inputShape)) {
            throw new IllegalArgumentException("LmserLayer " + getLayerName() + ": input of shape "
                    + Arrays.toString(input.shape()) + " does not match the configured input [batch, "
                    + Arrays.toString(inputShape).replace("[", "").replace("]", "") + "]");
        }
    }

    // ---- getters and setters (DL4J's JSON serialization needs them) ----

    /** @return the levels, bottom first */
    public List<LmserLevel> getLevels() {
        return levels;
    }

    /** @param levels the levels, bottom first */
    public void setLevels(List<LmserLevel> levels) {
        this.levels = levels;
    }

    /** @return hidden activation s */
    public Activation getActivation() {
        return activation;
    }

    /** @param activation hidden activation s */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** @return activation of the top code */
    public Activation getCodeActivation() {
        return codeActivation;
    }

    /** @param codeActivation activation of the top code */
    public void setCodeActivation(Activation codeActivation) {
        this.codeActivation = codeActivation;
    }

    /** @return activation of the reconstruction */
    public Activation getOutputActivation() {
        return outputActivation;
    }

    /** @param outputActivation activation of the reconstruction */
    public void setOutputActivation(Activation outputActivation) {
        this.outputActivation = outputActivation;
    }

    /** @return reflections (bottom-up + top-down passes) */
    public int getReflections() {
        return reflections;
    }

    /** @param reflections reflections */
    public void setReflections(int reflections) {
        this.reflections = reflections;
    }

    /** @return whether top-down uses the bottom-up weights (DCW) */
    public boolean isTiedWeights() {
        return tiedWeights;
    }

    /** @param tiedWeights whether top-down uses the bottom-up weights (DCW) */
    public void setTiedWeights(boolean tiedWeights) {
        this.tiedWeights = tiedWeights;
    }

    /** @return whether paired neurons (DPN) are on */
    public boolean isPairedNeurons() {
        return pairedNeurons;
    }

    /** @param pairedNeurons whether paired neurons (DPN) are on */
    public void setPairedNeurons(boolean pairedNeurons) {
        this.pairedNeurons = pairedNeurons;
    }

    /** @return the paired-neuron rule */
    public Pairing getPairing() {
        return pairing;
    }

    /** @param pairing the paired-neuron rule */
    public void setPairing(Pairing pairing) {
        this.pairing = pairing;
    }

    /** @return whether the levels have biases */
    public boolean isBiases() {
        return biases;
    }

    /** @param biases whether the levels have biases */
    public void setBiases(boolean biases) {
        this.biases = biases;
    }

    /** @return what the layer outputs */
    public LmserOutput getOutput() {
        return output;
    }

    /** @param output what the layer outputs */
    public void setOutput(LmserOutput output) {
        this.output = output;
    }

    /** @return per-example input shape, {@code [n]} or {@code [C, H, W]}, or null before it is known */
    public long[] getInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @param inputShape per-example input shape */
    public void setInputShape(long[] inputShape) {
        this.inputShape = inputShape == null ? null : inputShape.clone();
    }

    /** @return which runtime executes the layer */
    public PassRuntime getRuntime() {
        return runtime;
    }

    /** @param runtime which runtime executes the layer (JSON; null means DIRECT) */
    public void setRuntime(PassRuntime runtime) {
        this.runtime = runtime == null ? PassRuntime.DIRECT : runtime;
    }

    /** @return standard deviation of the Gaussian noise added to top-code units during training (0 = none) */
    public double getCodeNoise() {
        return codeNoise;
    }

    /** @param codeNoise standard deviation of the training-time code noise */
    public void setCodeNoise(double codeNoise) {
        this.codeNoise = codeNoise;
    }

    /** @return the first top-code unit that receives the noise */
    public int getCodeNoiseFrom() {
        return codeNoiseFrom;
    }

    /** @param codeNoiseFrom the first top-code unit that receives the noise */
    public void setCodeNoiseFrom(int codeNoiseFrom) {
        this.codeNoiseFrom = codeNoiseFrom;
    }

    /**
     * @return whether the hand-written runtime computes dL/d(input) (default true); false when the layer is the
     *         graph's first and nothing reads its input's gradient (saves a GEMM per step)
     */
    public boolean isInputGradient() {
        return inputGradient;
    }

    /** @param inputGradient whether the hand-written runtime computes dL/d(input) */
    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    /** @return the perception phase's tolerance on max |Δz| (0 = off: a fixed number of reflections) */
    public double getPerceptionTolerance() {
        return perceptionTolerance;
    }

    /** @param perceptionTolerance the perception phase's tolerance (0 = off) */
    public void setPerceptionTolerance(double perceptionTolerance) {
        this.perceptionTolerance = perceptionTolerance;
    }

    /** @return the perception phase's iteration cap */
    public int getPerceptionMaxIterations() {
        return perceptionMaxIterations;
    }

    /** @param perceptionMaxIterations the perception phase's iteration cap */
    public void setPerceptionMaxIterations(int perceptionMaxIterations) {
        this.perceptionMaxIterations = perceptionMaxIterations;
    }

    /** @return the perception phase's step h in (0, 1] (1 = discrete neuron, less = Euler step of τdz/dt) */
    public double getPerceptionStep() {
        return perceptionStep;
    }

    /** @param perceptionStep the perception phase's step h */
    public void setPerceptionStep(double perceptionStep) {
        this.perceptionStep = perceptionStep;
    }

    /** @return weight λ₁ of the L1 penalty λ₁Σⱼ|hⱼ| on the top code (0 = off) */
    public double getCodeL1() {
        return codeL1;
    }

    /** @param codeL1 weight of the L1 penalty on the top code */
    public void setCodeL1(double codeL1) {
        this.codeL1 = codeL1;
    }

    /** @return target mean activation ρ of the KL sparsity penalty */
    public double getCodeKlTarget() {
        return codeKlTarget;
    }

    /** @param codeKlTarget target mean activation ρ */
    public void setCodeKlTarget(double codeKlTarget) {
        this.codeKlTarget = codeKlTarget;
    }

    /** @return weight β of the KL sparsity penalty βΣⱼKL(ρ‖ρ̂ⱼ) (0 = off) */
    public double getCodeKlWeight() {
        return codeKlWeight;
    }

    /** @param codeKlWeight weight β of the KL sparsity penalty */
    public void setCodeKlWeight(double codeKlWeight) {
        this.codeKlWeight = codeKlWeight;
    }

    /** @return weight λ of the contraction penalty λ‖J_f(x)‖²_F (0 = off) */
    public double getContraction() {
        return contraction;
    }

    /** @param contraction weight λ of the contraction penalty */
    public void setContraction(double contraction) {
        this.contraction = contraction;
    }

    /** Builder; {@link #build()} validates every setting and names the one that is wrong. */
    public static final class Builder extends CorrectedSameDiffLayer.Builder<Builder> {
        private final List<LmserLevel> levels = new ArrayList<>();
        private Activation activation = Activation.RELU;
        private Activation codeActivation;
        private Activation outputActivation = Activation.SIGMOID;
        private int reflections = 1;
        private boolean tiedWeights = true;
        private boolean pairedNeurons = true;
        private Pairing pairing = Pairing.ACTIVITY;
        private boolean biases = true;
        private LmserOutput output = LmserOutput.RECONSTRUCTION;
        private long[] inputShape;
        private PassRuntime runtime = PassRuntime.DIRECT;
        private double codeNoise;
        private int codeNoiseFrom;
        private boolean inputGradient = true;

        /**
         * Whether the backward pass computes dL/d(input) (default true). A layer on the graph's input
         * needs none (DL4J discards the input's epsilon): false saves the first level's input GEMM, and
         * the hand-written runtime then returns no epsilon. {@code InputGradients} (FGSM, {@code NetworkInverse})
         * turns it back on for its own call. The SameDiff runtime always computes it.
         *
         * @param on compute dL/d(input)
         * @return this
         */
        public Builder inputGradient(boolean on) {
            this.inputGradient = on;
            return this;
        }

        private double perceptionTolerance;
        private int perceptionMaxIterations;
        private double perceptionStep = 1.0;
        private double codeL1;
        private double codeKlTarget;
        private double codeKlWeight;
        private double contraction;

        /**
         * Sparse autoencoder by L1: adds λ₁Σⱼ|hⱼ| on the top code h to the loss (averaged over the minibatch,
         * like the loss). Dense runtime only.
         *
         * @param lambda {@code >= 0} (0 = off, the default)
         * @return this
         */
        public Builder codeL1(double lambda) {
            this.codeL1 = lambda;
            return this;
        }

        /**
         * Sparse autoencoder by the KL divergence (seed 004's "sparse autoencoders (3)"): adds
         * βΣⱼ[ρ ln(ρ/ρ̂ⱼ) + (1 − ρ) ln((1 − ρ)/(1 − ρ̂ⱼ))] once per minibatch, ρ̂ⱼ the mean activation of top-code
         * unit j over the minibatch (kept in [1e-7, 1 − 1e-7]). Needs a SIGMOID code activation. Dense runtime only.
         *
         * @param target ρ, in (0, 1)
         * @param weight β, {@code >= 0} (0 = off, the default)
         * @return this
         */
        public Builder codeKL(double target, double weight) {
            this.codeKlTarget = target;
            this.codeKlWeight = weight;
            return this;
        }

        /**
         * Contractive autoencoder: adds λ‖J_f(x)‖²_F, the squared Frobenius norm of the encoder's Jacobian, exactly
         * and in closed form for a one-level encoder h = s(xW + b): Σⱼ s′(netⱼ)²‖W·ⱼ‖² (averaged over the
         * minibatch). Needs one dense level, one reflection, and a SIGMOID or TANH code activation.
         *
         * @param lambda {@code >= 0} (0 = off, the default)
         * @return this
         */
        public Builder contraction(double lambda) {
            this.contraction = lambda;
            return this;
        }

        /**
         * Seed 001's perception phase in place of a fixed number of reflections: Xu's neuron
         * {@code z = s(y + u)} iterated until no activity changes by {@code tolerance} or more, at most
         * {@code maxIterations} times ({@link org.bidizoo.layers.lmser.xu.Perception}); the backward pass
         * is then Xu's local LMSER rule. Needs dense levels, tied weights, paired neurons with
         * {@link Pairing#NET_INPUT}, and SIGMOID, TANH or IDENTITY hidden and code activations.
         *
         * @param tolerance     {@code > 0}
         * @param maxIterations {@code >= 1}
         * @return this
         */
        public Builder perception(double tolerance, int maxIterations) {
            this.perceptionTolerance = tolerance;
            this.perceptionMaxIterations = maxIterations;
            return this;
        }

        /** @param h Euler step dt/τ of the perception dynamics, in (0, 1] (default 1) @return this */
        public Builder perceptionStep(double h) {
            this.perceptionStep = h;
            return this;
        }

        /**
         * Seed 000's style units: during training only, add N(0, std²) to top-code units from
         * {@code fromUnit} on before the top-down pass (dense runtime only).
         *
         * @param std      standard deviation, {@code >= 0} (0 = off, the default)
         * @param fromUnit first noisy unit of the top code
         * @return this
         */
        public Builder codeNoise(double std, int fromUnit) {
            this.codeNoise = std;
            this.codeNoiseFrom = fromUnit;
            return this;
        }

        /** @param r DIRECT (default: the hand-written passes) or SAMEDIFF (the reference graph) @return this */
        public Builder runtime(PassRuntime r) {
            this.runtime = r;
            return this;
        }

        /** @param units dense levels, bottom first, e.g. {@code 300, 100, 10} @return this */
        public Builder denseLevels(int... units) {
            for (int u : units) {
                levels.add(LmserLevel.dense(u));
            }
            return this;
        }

        /** @param level one more level on top @return this */
        public Builder level(LmserLevel level) {
            levels.add(level);
            return this;
        }

        /**
         * @param channels output channels of convolutional levels, bottom first
         * @param kernel   kernel side of each
         * @param stride   stride of each
         * @param padding  zero padding of each
         * @return this
         */
        public Builder convLevels(int kernel, int stride, int padding, int... channels) {
            for (int c : channels) {
                levels.add(LmserLevel.conv(c, kernel, stride, padding));
            }
            return this;
        }

        /** @param nIn flat input size (dense first level); else taken from the input type @return this */
        public Builder nIn(long nIn) {
            this.inputShape = new long[] {nIn};
            return this;
        }

        /** @param channels input channels @param height input height @param width input width @return this */
        public Builder inputShape(long channels, long height, long width) {
            this.inputShape = new long[] {channels, height, width};
            return this;
        }

        /** @param a hidden activation s (default RELU) @return this */
        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** @param a activation of the top code (default: the hidden activation) @return this */
        public Builder codeActivation(Activation a) {
            this.codeActivation = a;
            return this;
        }

        /** @param a activation of the reconstruction (default SIGMOID) @return this */
        public Builder outputActivation(Activation a) {
            this.outputActivation = a;
            return this;
        }

        /** @param n reflections, {@code >= 1} (default 1) @return this */
        public Builder reflections(int n) {
            this.reflections = n;
            return this;
        }

        /** @param on tied weights, DCW (default true; false = separate top-down weights) @return this */
        public Builder tiedWeights(boolean on) {
            this.tiedWeights = on;
            return this;
        }

        /** @param on paired neurons, DPN (default true; false = Lmser(un-n)) @return this */
        public Builder pairedNeurons(boolean on) {
            this.pairedNeurons = on;
            return this;
        }

        /** @param p the paired-neuron rule (default ACTIVITY) @return this */
        public Builder pairing(Pairing p) {
            this.pairing = p;
            return this;
        }

        /** @param on biases b_k and c_k (default true) @return this */
        public Builder biases(boolean on) {
            this.biases = on;
            return this;
        }

        /** @param o what to output (default RECONSTRUCTION) @return this */
        public Builder output(LmserOutput o) {
            this.output = o;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LmserLayer build() {
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("levels: an Lmser stack needs at least one level; call denseLevels(...),"
                        + " convLevels(...) or level(...)");
            }
            SdActivations.check("activation", activation);
            SdActivations.check("codeActivation", codeActivation == null ? activation : codeActivation);
            SdActivations.check("outputActivation", outputActivation);
            if (reflections < 1) {
                throw new IllegalArgumentException("reflections = " + reflections + ", expected >= 1");
            }
            if (reflections > 1 && !pairedNeurons) {
                throw new IllegalArgumentException("reflections = " + reflections + " needs pairedNeurons = true: without"
                        + " paired neurons the top-down signal never reaches the next bottom-up pass");
            }
            if (pairing == null || output == null || runtime == null) {
                throw new IllegalArgumentException("pairing, output and runtime must not be null");
            }
            if (!(codeNoise >= 0) || Double.isInfinite(codeNoise)) {
                throw new IllegalArgumentException("codeNoise = " + codeNoise + ", expected a finite number >= 0");
            }
            int top = levels.get(levels.size() - 1).getUnits();
            if (codeNoise > 0 && (codeNoiseFrom < 0 || codeNoiseFrom >= top || levels.get(levels.size() - 1).isConv())) {
                throw new IllegalArgumentException("codeNoiseFrom = " + codeNoiseFrom + ", expected a unit in [0, " + top
                        + ") of a dense top level");
            }
            if (inputShape != null && inputShape.length == 1 && levels.get(0).isConv()) {
                throw new IllegalArgumentException("nIn = " + inputShape[0] + " is a flat input but level 0 ("
                        + levels.get(0) + ") is convolutional; use inputShape(channels, height, width)");
            }
            if (perceptionTolerance != 0 || perceptionMaxIterations != 0 || perceptionStep != 1.0) {
                PerceptionOption.validate(this.perceptionTolerance, this.perceptionMaxIterations, this.perceptionStep,
                        levels, activation, codeActivation == null ? activation : codeActivation, tiedWeights,
                        pairedNeurons, pairing, output, runtime, codeNoise);
            }
            validatePenalties();
            return new LmserLayer(this);
        }

        private void validatePenalties() {
            nonNegative("codeL1", codeL1);
            nonNegative("codeKL weight", codeKlWeight);
            nonNegative("contraction", contraction);
            if (codeL1 == 0 && codeKlWeight == 0 && contraction == 0) {
                return;
            }
            Activation code = codeActivation == null ? activation : codeActivation;
            for (LmserLevel l : levels) {
                if (l.isConv()) {
                    throw new IllegalArgumentException("code penalties need dense levels; level " + l + " is"
                            + " convolutional");
                }
            }
            if (runtime == PassRuntime.SAMEDIFF || perceptionTolerance > 0 || output == LmserOutput.HIDDEN) {
                throw new IllegalArgumentException("code penalties run on the dense runtime only; got runtime = "
                        + runtime + ", output = " + output + ", perception " + (perceptionTolerance > 0 ? "on" : "off")
                        + " (expected runtime DIRECT, output RECONSTRUCTION, CODE or BOTH, perception off)");
            }
            if (codeKlWeight > 0) {
                if (!(codeKlTarget > 0 && codeKlTarget < 1)) {
                    throw new IllegalArgumentException("codeKL target = " + codeKlTarget + ", expected a mean"
                            + " activation in (0, 1)");
                }
                if (code != Activation.SIGMOID) {
                    throw new IllegalArgumentException("codeKL needs codeActivation SIGMOID (activations in (0, 1)),"
                            + " got " + code);
                }
            }
            if (contraction > 0) {
                if (levels.size() != 1 || reflections != 1) {
                    throw new IllegalArgumentException("contraction = " + contraction + " is computed in closed form"
                            + " for a one-level encoder with one reflection; got " + levels.size() + " levels and "
                            + reflections + " reflections");
                }
                if (code != Activation.SIGMOID && code != Activation.TANH) {
                    throw new IllegalArgumentException("contraction needs codeActivation SIGMOID or TANH, got " + code);
                }
            }
        }

        private static void nonNegative(String name, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " = " + v + ", expected a finite number >= 0");
            }
        }
    }
}
