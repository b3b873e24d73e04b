package org.bidizoo.zoo.model;

import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserOutput;
import org.bidizoo.layers.loss.LossHalfSquaredError;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The wiring every Lmser zoo model shares: one Lmser layer on the input, the reconstruction loss
 * ½‖x − x̂‖² of seed 000's Eq. 4 (summed over pixels, averaged over the minibatch), and for
 * Lmser(sup) softmax cross-entropy on the label units (the first {@code numClasses} units of the top
 * code) added to it. Each helper takes the input name and returns the
 * output name.
 */
final class LmserModels {
    static final String LMSER = "lmser";

    private LmserModels() {
    }

    /** @return a graph builder with the shared settings (learning rate: the model's default unless set) and the input */
    static ComputationGraphConfiguration.GraphBuilder graph(BidizooModel m) {
        return graph(m, 0);
    }

    /** @return as {@link #graph(BidizooModel)}, with DL4J's L2 coefficient {@code l2} on every weight (0 = none) */
    static ComputationGraphConfiguration.GraphBuilder graph(BidizooModel m, double l2) {
        ModelSettings s = m.settings();
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(s.seed()).dataType(s.dataType())
                .updater(s.updater(m.defaultLearningRate())).weightInit(WeightInit.XAVIER);
        if (l2 > 0) {
            b.l2(l2);
        }
        return b.graphBuilder().addInputs(BidizooModel.INPUT);
    }

    /** @return the input type for the settings' image shape: flat or convolutional */
    static InputType inputType(ModelSettings s, boolean conv) {
        int[] i = s.inputShape();
        return conv ? InputType.convolutional(i[1], i[2], i[0]) : InputType.feedForward(s.inputSize());
    }

    /**
     * Adds the Lmser layer and its losses.
     *
     * @param g       the graph
     * @param in      name of the input vertex
     * @param stack   the layer, configured but for its output and the variant's switches
     * @param variant the variant
     * @param s       settings
     * @param codeSize units of the top code (label units first for Lmser(sup))
     */
    static void addLmserWithLosses(ComputationGraphConfiguration.GraphBuilder g, String in, LmserLayer.Builder stack,
                                   LmserVariant variant, ModelSettings s, long codeSize) {
        stack.tiedWeights(variant.tiedWeights()).pairedNeurons(variant.pairedNeurons());
        if (BidizooModel.INPUT.equals(in)) {
            stack.inputGradient(false); // DL4J discards the graph input's epsilon; InputGradients turns it back on
        }
        if (!variant.supervised()) {
            g.addLayer(LMSER, stack.output(LmserOutput.RECONSTRUCTION).build(), in);
            g.addLayer(BidizooModel.RECONSTRUCTION, halfSumOfSquares(), LMSER);
            g.setOutputs(BidizooModel.RECONSTRUCTION);
            return;
        }
        if (codeSize < s.numClasses()) {
            throw new IllegalArgumentException("Lmser(sup): the top code has " + codeSize + " units but "
                    + s.numClasses() + " label units are needed");
        }
        int n = s.inputSize();
        g.addLayer(LMSER, stack.output(LmserOutput.BOTH).codeActivation(Activation.IDENTITY).build(), in);
        g.addVertex("recon_part", new SubsetVertex(0, n - 1), LMSER);
        g.addVertex("label_units", new SubsetVertex(n, n + s.numClasses() - 1), LMSER);
        g.addLayer(BidizooModel.RECONSTRUCTION, halfSumOfSquares(), "recon_part");
        LossLayer.Builder ce = s.labelWeight() == 1.0 ? new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                : new LossLayer.Builder(new LossMCXENT(Nd4j.valueArrayOf(new long[] {1, s.numClasses()}, s.labelWeight())));
        g.addLayer(BidizooModel.LABEL, ce.activation(Activation.SOFTMAX).build(), "label_units");
        g.setOutputs(BidizooModel.RECONSTRUCTION, BidizooModel.LABEL);
    }

    /**
     * Eq. 4's reconstruction term ½‖x − x̂‖², summed over pixels. In Lmser(sup) it is weighed against
     * the cross-entropy, so its scale matters: a per-pixel mean would make it 392 times weaker.
     */
    private static LossLayer halfSumOfSquares() {
        return new LossLayer.Builder(new LossHalfSquaredError()).activation(Activation.IDENTITY).build();
    }

}
