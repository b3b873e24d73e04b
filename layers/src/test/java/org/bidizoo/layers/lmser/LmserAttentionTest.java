package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.lmser.xu.DenseStack;
import org.bidizoo.layers.lmser.xu.TopDownAttention;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seed 001's imaginary recall and attention against the layer's own passes. */
class LmserAttentionTest {

    private static ComputationGraph net(boolean paired, LmserOutput out) {
        ComputationGraph g = LmserNets.withMse(LmserLayer.builder().denseLevels(7, 5, 3).activation(Activation.RELU)
                .codeActivation(Activation.IDENTITY).pairedNeurons(paired).output(out).build(), InputType.feedForward(9));
        Nd4j.getRandom().setSeed(3);
        g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
        return g;
    }

    private static DenseStack stack(ComputationGraph g) {
        LmserLayerImpl l = (LmserLayerImpl) g.getLayer("lmser");
        return LmserStacks.of((LmserLayer) l.conf().getLayer(), l.paramTable());
    }

    @Test
    void zeroGainIsTheBottomUpPassAndImaginationIsTheTopDownPass() {
        ComputationGraph g = net(true, LmserOutput.CODE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 9);
        DenseStack s = stack(g);
        INDArray code = g.outputSingle(x);
        assertTrue(code.equalsWithEps(TopDownAttention.attend(s, x, Nd4j.rand(DataType.DOUBLE, 4, 3), 0), 1e-12));
        ComputationGraph unpaired = net(false, LmserOutput.RECONSTRUCTION);
        LmserLayerImpl l = (LmserLayerImpl) unpaired.getLayer("lmser");
        INDArray c = Nd4j.randn(DataType.DOUBLE, 4, 3);
        assertTrue(l.decode(c, 1).equalsWithEps(TopDownAttention.imagine(stack(unpaired), c), 1e-12));
        // and without paired neurons the layer's reconstruction is imagination from its own code
        INDArray own = TopDownAttention.attend(stack(unpaired), x, c, 0);
        assertTrue(unpaired.outputSingle(x).equalsWithEps(TopDownAttention.imagine(stack(unpaired), own), 1e-12));
    }

    @Test
    void attentionAddsTheScaledTopDownSignal() {
        ComputationGraph g = net(true, LmserOutput.CODE);
        DenseStack s = stack(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 9);
        INDArray c = Nd4j.randn(DataType.DOUBLE, 2, 3);
        INDArray[] u = TopDownAttention.topDownSignals(s, c);
        // by hand: z1 = relu(x W0 + b0 + g u1), z2 = relu(z1 W1 + b1 + g u2), z3 = z2 W2 + b2
        double gain = 0.7;
        INDArray z = Nd4j.nn().relu(s.up(0, x).addi(u[1].mul(gain)), 0);
        z = Nd4j.nn().relu(s.up(1, z).addi(u[2].mul(gain)), 0);
        assertTrue(s.up(2, z).equalsWithEps(TopDownAttention.attend(s, x, c, gain), 1e-12));
        assertEquals(3, u.length);
    }

    @Test
    void badInputsAreNamed() {
        DenseStack s = stack(net(true, LmserOutput.CODE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopDownAttention.imagine(s, Nd4j.zeros(DataType.DOUBLE, 2, 4)));
        assertEquals("code: expected [batch, 3], got [2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopDownAttention.attend(s, Nd4j.zeros(DataType.DOUBLE,
                2, 9), Nd4j.zeros(DataType.DOUBLE, 2, 3), -1));
        assertEquals("gain = -1.0, expected a finite number >= 0", e.getMessage());
    }
}
