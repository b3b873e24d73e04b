package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.stream.Stream;

import org.bidizoo.layers.samediff.CorrectedSameDiffLayerImpl;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The hand-written dense runtime computes exactly what the SameDiff definition does. */
class LmserRuntimeEquivalenceTest {

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("paper r1", b()),
                Arguments.of("r3 net-input", b().reflections(3).pairing(Pairing.NET_INPUT)),
                Arguments.of("untied no-dpn", b().tiedWeights(false).pairedNeurons(false)),
                Arguments.of("both, identity code", b().output(LmserOutput.BOTH).codeActivation(Activation.IDENTITY)),
                Arguments.of("code r2", b().output(LmserOutput.CODE).reflections(2)),
                Arguments.of("tanh, no biases", b().activation(Activation.TANH).biases(false)));
    }

    private static LmserLayer.Builder b() {
        return LmserLayer.builder().denseLevels(30, 20, 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sameOutputsGradientsAndTraining(String name, LmserLayer.Builder builder) {
        ComputationGraph fast = LmserNets.withMse(builder.runtime(LmserRuntime.AUTO).build(), InputType.feedForward(40),
                new Adam(1e-2), DataType.DOUBLE);
        ComputationGraph ref = LmserNets.withMse(builder.runtime(LmserRuntime.SAMEDIFF).build(),
                InputType.feedForward(40), new Adam(1e-2), DataType.DOUBLE);
        assertInstanceOf(DenseLmserLayerImpl.class, fast.getLayer("lmser"));
        assertInstanceOf(CorrectedSameDiffLayerImpl.class, ref.getLayer("lmser"));
        fast.params().assign(Nd4j.rand(DataType.DOUBLE, fast.params().shape()).subi(0.5).muli(0.4));
        ref.params().assign(fast.params());
        for (int batch : new int[] {1, 7}) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 40);
            INDArray out = fast.outputSingle(x);
            INDArray y = Nd4j.rand(DataType.DOUBLE, out.shape());
            assertEquals(0.0, ref.outputSingle(x).sub(out).amaxNumber().doubleValue(), 1e-12, name + " output");
            fast.setInputs(x);
            fast.setLabels(y);
            fast.computeGradientAndScore();
            ref.setInputs(x);
            ref.setLabels(y);
            ref.computeGradientAndScore();
            assertEquals(ref.score(), fast.score(), 1e-12);
            INDArray gf = fast.getGradientsViewArray();
            INDArray gr = ref.getGradientsViewArray();
            assertEquals(0.0, gr.sub(gf).amaxNumber().doubleValue(), 1e-12 * Math.max(1, gr.amaxNumber().doubleValue()),
                    name + " gradients, batch " + batch);
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 40);
        DataSet ds = new DataSet(x, Nd4j.rand(DataType.DOUBLE, fast.outputSingle(x).shape()));
        for (int i = 0; i < 5; i++) {
            fast.fit(ds);
            ref.fit(ds);
        }
        assertEquals(0.0, ref.params().sub(fast.params()).amaxNumber().doubleValue(), 1e-10, name + " after 5 Adam steps");
    }
}
