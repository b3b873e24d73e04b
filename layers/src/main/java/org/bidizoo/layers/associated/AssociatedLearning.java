package org.bidizoo.layers.associated;

import static org.bidizoo.layers.associated.AssociatedNames.FEATURES;
import static org.bidizoo.layers.associated.AssociatedNames.LABELS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds Associated Learning (Wu, Ch. 2) as an ordinary DL4J {@link ComputationGraph}. For blocks
 * i = 1..N (s_0 = features, t_0 = one-hot labels, sg = {@link StopGradientVertex}):
 * <pre>
 *   s_i = f_i(sg s_{i-1})           t_i = g_i(sg t_{i-1}) = σ(Q_i sg t_{i-1})     (Eq. 2.2, 2.3)
 *   loss_fwd_i = ‖b_i(s_i) − sg t_i‖²  (sum over units)                           (Eq. 2.7)
 *   loss_inv_i = MSE(h_i(t_i), sg t_{i-1}),  h_i(t) = σ(V_i t)                   (Eq. 2.5, 2.6)
 * </pre>
 * Training graph: inputs {@code [features, labels]}, outputs {@code [loss_fwd1, loss_inv1, …,
 * loss_fwdN, loss_invN]} (each a {@link LossLayer} whose labels are zeros, see
 * {@link AssociatedNetwork#trainingBatch}), trained by the ordinary {@code fit}. No gradient crosses
 * a block boundary, so block i's losses move only f_i, g_i, b_i, h_i. The prediction path (Eq. 2.8)
 * h_1∘…∘h_N∘b_N∘f_N∘…∘f_1 is {@link AssociatedNetwork#prediction()}. Weights: He normal (the thesis).
 */
public final class AssociatedLearning {
    private final InputType inputType;
    private final int numClasses;
    private final List<AssociatedBlock> blocks;
    private final long seed;
    private final IUpdater updater;
    private final DataType dataType;
    private final double l2;
    private final Map<String, Double> lossWeights;
    private final Set<String> omittedStopGradients;

    private AssociatedLearning(Builder b) {
        this.inputType = b.inputType;
        this.numClasses = b.numClasses;
        this.blocks = List.copyOf(b.blocks);
        this.seed = b.seed;
        this.updater = b.updater;
        this.dataType = b.dataType;
        this.l2 = b.l2;
        this.lossWeights = Map.copyOf(b.lossWeights);
        this.omittedStopGradients = Set.copyOf(b.omittedStopGradients);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the blocks, in order */
    public List<AssociatedBlock> blocks() {
        return blocks;
    }

    /** @return the number of classes |t_0| */
    public int numClasses() {
        return numClasses;
    }

    /** @return the feature input type */
    public InputType inputType() {
        return inputType;
    }

    /** @return widths of the local losses in output order: |t_1|, |t_0|, |t_2|, |t_1|, … */
    public long[] lossWidths() {
        long[] w = new long[2 * blocks.size()];
        long prev = numClasses;
        for (int i = 0; i < blocks.size(); i++) {
            w[2 * i] = blocks.get(i).targetWidth();
            w[2 * i + 1] = prev;
            prev = blocks.get(i).targetWidth();
        }
        return w;
    }

    /**
     * @param x features {@code [b, ...]}
     * @param y one-hot labels {@code [b, numClasses]}
     * @return a minibatch for the training graph (see {@link AssociatedNetwork#trainingBatch})
     */
    public org.nd4j.linalg.dataset.api.MultiDataSet trainingBatch(org.nd4j.linalg.api.ndarray.INDArray x,
                                                                  org.nd4j.linalg.api.ndarray.INDArray y) {
        return AssociatedNetwork.trainingBatch(x, y, lossWidths());
    }

    /** @return a fresh, initialised training graph wrapped with its prediction path */
    public AssociatedNetwork build() {
        ComputationGraph g = new ComputationGraph(trainingConf());
        g.init();
        return AssociatedNetwork.of(g);
    }

    /** @return the training graph configuration (see the class comment) */
    public ComputationGraphConfiguration trainingConf() {
        ComputationGraphConfiguration.GraphBuilder g = base().graphBuilder().addInputs(FEATURES, LABELS);
        String sIn = FEATURES;
        String tIn = LABELS;
        int tPrevWidth = numClasses;
        List<String> outputs = new ArrayList<>();
        for (int i = 1; i <= blocks.size(); i++) {
            AssociatedBlock block = blocks.get(i - 1);
            int tw = block.targetWidth();
            String s = addForward(g, i, block, sIn, null);
            g.addLayer(AssociatedNames.t(i), dense(tw, block.targetActivation()), tIn);
            String b = addBridge(g, i, block, s, null);
            g.addLayer(AssociatedNames.inverse(i), dense(tPrevWidth, block.targetActivation()), AssociatedNames.t(i));
            String tDet = detach(g, AssociatedNames.sgT(i), AssociatedNames.t(i));
            g.addVertex(AssociatedNames.forwardDiff(i), new ElementWiseVertex(ElementWiseVertex.Op.Subtract), b, tDet);
            g.addVertex(AssociatedNames.inverseDiff(i), new ElementWiseVertex(ElementWiseVertex.Op.Subtract),
                    AssociatedNames.inverse(i), tIn);
            g.addLayer(AssociatedNames.forwardLoss(i), loss(AssociatedNames.forwardLoss(i), tw, true),
                    AssociatedNames.forwardDiff(i));
            g.addLayer(AssociatedNames.inverseLoss(i), loss(AssociatedNames.inverseLoss(i), tPrevWidth, false),
                    AssociatedNames.inverseDiff(i));
            outputs.add(AssociatedNames.forwardLoss(i));
            outputs.add(AssociatedNames.inverseLoss(i));
            if (i < blocks.size()) {
                sIn = detach(g, AssociatedNames.sgS(i), s);
            }
            tIn = tDet;
            tPrevWidth = tw;
        }
        return g.setOutputs(outputs.toArray(new String[0]))
                .setInputTypes(inputType, InputType.feedForward(numClasses)).build();
    }

    /**
     * The backprop twin (thesis §3, "identical parameters"): the prediction path's layers as one
     * plain network f_1…f_N, b_N, h_N…h_2 with the given hidden activation, and h_1 a softmax
     * cross-entropy output. Same parameter count as the AL model's effective parameters. Input
     * {@value AssociatedNames#FEATURES}, output {@code h1} {@code [b, numClasses]}.
     *
     * @param hidden activation of every hidden layer (the thesis: ReLU)
     * @return the configuration
     */
    public ComputationGraphConfiguration backpropTwinConf(Activation hidden) {
        ComputationGraphConfiguration.GraphBuilder g = base().graphBuilder().addInputs(FEATURES);
        String prev = FEATURES;
        for (int i = 1; i <= blocks.size(); i++) {
            prev = addForward(g, i, blocks.get(i - 1), prev, hidden);
        }
        int n = blocks.size();
        prev = addBridge(g, n, blocks.get(n - 1), prev, hidden);
        for (int i = n; i >= 2; i--) {
            g.addLayer(AssociatedNames.inverse(i), dense(blocks.get(i - 2).targetWidth(), hidden), prev);
            prev = AssociatedNames.inverse(i);
        }
        g.addLayer(AssociatedNames.inverse(1), new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses).activation(Activation.SOFTMAX).build(), prev);
        return g.setOutputs(AssociatedNames.inverse(1)).setInputTypes(inputType).build();
    }

    private NeuralNetConfiguration.Builder base() {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).updater(updater)
                .weightInit(WeightInit.RELU).dataType(dataType);
        if (l2 > 0) {
            b.l2(l2);
        }
        return b;
    }

    private String detach(ComputationGraphConfiguration.GraphBuilder g, String name, String input) {
        if (omittedStopGradients.contains(name)) {
            return input;
        }
        g.addVertex(name, new StopGradientVertex(), input);
        return name;
    }

    private static String addForward(ComputationGraphConfiguration.GraphBuilder g, int i, AssociatedBlock block,
                                     String input, Activation override) {
        List<ForwardPart> parts = block.forward();
        String prev = input;
        for (int j = 1; j <= parts.size(); j++) {
            String name = j == parts.size() ? AssociatedNames.s(i) : AssociatedNames.fLayer(i, j);
            prev = parts.get(j - 1).addTo(g, name, prev, override);
        }
        return prev;
    }

    private static String addBridge(ComputationGraphConfiguration.GraphBuilder g, int i, AssociatedBlock block,
                                    String input, Activation override) {
        Activation a = override == null ? block.bridgeActivation() : override;
        String prev = input;
        int[] hidden = block.bridgeHidden();
        for (int j = 1; j <= hidden.length; j++) {
            g.addLayer(AssociatedNames.bridgeLayer(i, j), dense(hidden[j - 1], a), prev);
            prev = AssociatedNames.bridgeLayer(i, j);
        }
        g.addLayer(AssociatedNames.bridge(i), dense(block.targetWidth(), a), prev);
        return AssociatedNames.bridge(i);
    }

    private static DenseLayer dense(int nOut, Activation a) {
        return new DenseLayer.Builder().nOut(nOut).activation(a).build();
    }

    /** Sum of squares (Eq. 2.4, 2.7) for the forward loss, mean squared error (Eq. 2.6) for the inverse loss. */
    private LossLayer loss(String name, int width, boolean sumOfSquares) {
        double w = lossWeights.getOrDefault(name, 1.0);
        INDArray weights = w == 1.0 ? null : Nd4j.valueArrayOf(new long[] {1, width}, w, dataType);
        ILossFunction f = sumOfSquares ? (weights == null ? new LossL2() : new LossL2(weights))
                : (weights == null ? new LossMSE() : new LossMSE(weights));
        return new LossLayer.Builder().lossFunction(f).activation(Activation.IDENTITY).build();
    }

    /** Builder; {@link #build()} and the conf methods use the validated settings. */
    public static final class Builder {
        private InputType inputType;
        private int numClasses = -1;
        private final List<AssociatedBlock> blocks = new ArrayList<>();
        private long seed = 12345;
        private IUpdater updater = new Adam(1e-4);
        private DataType dataType = DataType.FLOAT;
        private double l2;
        private final Map<String, Double> lossWeights = new HashMap<>();
        private final Set<String> omittedStopGradients = new HashSet<>();

        /** @param t features: {@code feedForward(n)}, {@code convolutional(h, w, c)} or {@code convolutionalFlat} @return this */
        public Builder inputType(InputType t) {
            this.inputType = t;
            return this;
        }

        /** @param n classes |t_0|, {@code >= 2} @return this */
        public Builder numClasses(int n) {
            this.numClasses = n;
            return this;
        }

        /** @param block the next block @return this */
        public Builder block(AssociatedBlock block) {
            if (block == null) {
                throw new IllegalArgumentException("block = null, expected an AssociatedBlock");
            }
            blocks.add(block);
            return this;
        }

        /** @param seed weight-initialisation seed (default 12345) @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param u updater (default Adam 1e-4, the thesis') @return this */
        public Builder updater(IUpdater u) {
            this.updater = u;
            return this;
        }

        /** @param dt FLOAT (default) or DOUBLE @return this */
        public Builder dataType(DataType dt) {
            this.dataType = dt;
            return this;
        }

        /** @param l2 L2 weight decay, {@code >= 0} (default 0) @return this */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /**
         * @param output a loss output name ({@code loss_fwd<i>} or {@code loss_inv<i>})
         * @param weight its weight, {@code >= 0} (default 1)
         * @return this
         */
        public Builder lossWeight(String output, double weight) {
            lossWeights.put(output, weight);
            return this;
        }

        /** Ablation for tests: leaves out the named stop-gradient vertex ({@code sg_s<i>} / {@code sg_t<i>}). */
        Builder omitStopGradient(String vertex) {
            omittedStopGradients.add(vertex);
            return this;
        }

        /** @return the validated specification @throws IllegalArgumentException naming the bad value */
        public AssociatedLearning build() {
            if (inputType == null) {
                throw new IllegalArgumentException("inputType = null, expected the features' InputType");
            }
            if (numClasses < 2) {
                throw new IllegalArgumentException("numClasses = " + numClasses + ", expected >= 2");
            }
            if (blocks.isEmpty()) {
                throw new IllegalArgumentException("blocks = [], expected at least one AssociatedBlock");
            }
            if (updater == null) {
                throw new IllegalArgumentException("updater = null, expected an IUpdater");
            }
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw new IllegalArgumentException("dataType = " + dataType + ", expected FLOAT or DOUBLE");
            }
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 = " + l2 + ", expected >= 0");
            }
            Set<String> known = new HashSet<>();
            for (int i = 1; i <= blocks.size(); i++) {
                known.add(AssociatedNames.forwardLoss(i));
                known.add(AssociatedNames.inverseLoss(i));
            }
            for (Map.Entry<String, Double> e : lossWeights.entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw new IllegalArgumentException("lossWeight: unknown output '" + e.getKey() + "', expected one of "
                            + new java.util.TreeSet<>(known));
                }
                if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                    throw new IllegalArgumentException("lossWeight " + e.getKey() + " = " + e.getValue()
                            + ", expected >= 0");
                }
            }
            return new AssociatedLearning(this);
        }
    }
}
