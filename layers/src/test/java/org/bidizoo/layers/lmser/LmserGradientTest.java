package org.bidizoo.layers.lmser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.bidizoo.layers.DoublePrecision;
import org.bidizoo.layers.runtime.PassRuntime;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Double-precision gradient checks of the Lmser layer in every configuration that changes its graph. */
@ExtendWith(DoublePrecision.class)
class LmserGradientTest {
    static Stream<Arguments> configs() {
        return Stream.concat(denseCases(PassRuntime.DIRECT),
                Stream.concat(denseCases(PassRuntime.SAMEDIFF), convCases()));
    }

    /** Dense stacks: DCW x DPN, reflections, pairing, biases, outputs, activations; on the given runtime. */
    private static Stream<Arguments> denseCases(PassRuntime rt) {
        String tag = " [" + rt + "]";
        return Stream.of(
                Arguments.of("dense dcw dpn r1" + tag, dense(rt).build(), false),
                Arguments.of("dense dcw dpn r2" + tag, dense(rt).reflections(2).build(), false),
                Arguments.of("dense dcw dpn r3" + tag, dense(rt).reflections(3).build(), false),
                Arguments.of("dense dcw no-dpn" + tag, dense(rt).pairedNeurons(false).build(), false),
                Arguments.of("dense untied dpn" + tag, dense(rt).tiedWeights(false).build(), false),
                Arguments.of("dense untied no-dpn (AE)" + tag, dense(rt).tiedWeights(false).pairedNeurons(false).build(),
                        false),
                Arguments.of("dense net-input pairing r2" + tag, dense(rt).pairing(Pairing.NET_INPUT).reflections(2)
                        .build(), false),
                Arguments.of("dense no biases" + tag, dense(rt).biases(false).build(), false),
                Arguments.of("dense output both" + tag, dense(rt).output(LmserOutput.BOTH).build(), false),
                Arguments.of("dense output code" + tag, dense(rt).output(LmserOutput.CODE).build(), false),
                Arguments.of("dense output hidden" + tag, dense(rt).output(LmserOutput.HIDDEN).build(), false),
                Arguments.of("dense output code r2 untied" + tag, dense(rt).output(LmserOutput.CODE).reflections(2)
                        .tiedWeights(false).build(), false),
                Arguments.of("dense relu, identity code" + tag, dense(rt).activation(Activation.RELU)
                        .codeActivation(Activation.IDENTITY).build(), false),
                Arguments.of("dense leaky/elu/softplus" + tag, dense(rt).activation(Activation.LEAKYRELU)
                        .codeActivation(Activation.ELU).outputActivation(Activation.SOFTPLUS).build(), false),
                Arguments.of("dense one level" + tag, LmserLayer.builder().runtime(rt).denseLevels(4)
                        .activation(Activation.TANH).build(), false));
    }

    /** Convolutional stacks (SameDiff runtime). */
    private static Stream<Arguments> convCases() {
        return Stream.of(
                Arguments.of("conv dcw dpn r1", conv(PassRuntime.DIRECT).build(), true),
                Arguments.of("conv dcw dpn r2", conv(PassRuntime.DIRECT).reflections(2).build(), true),
                Arguments.of("conv untied no-dpn", conv(PassRuntime.DIRECT).tiedWeights(false).pairedNeurons(false)
                        .build(), true),
                Arguments.of("conv output hidden", conv(PassRuntime.DIRECT).output(LmserOutput.HIDDEN).build(), true),
                Arguments.of("conv then dense, both", conv(PassRuntime.DIRECT).denseLevels(3).output(LmserOutput.BOTH)
                        .build(), true));
    }

    private static LmserLayer.Builder dense(PassRuntime rt) {
        return LmserLayer.builder().runtime(rt).denseLevels(5, 4, 3).activation(Activation.TANH)
                .outputActivation(Activation.SIGMOID);
    }

    private static LmserLayer.Builder conv(PassRuntime rt) {
        // 1x7x7 -> 2x4x4 -> 3x2x2 (k3 s2 p1): the transposed passes need cropping and a zero edge
        return LmserLayer.builder().runtime(rt).convLevels(3, 2, 1, 2, 3).activation(Activation.TANH)
                .outputActivation(Activation.SIGMOID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void gradientsMatchFiniteDifferences(String name, LmserLayer layer, boolean convInput) {
        for (int batch : new int[] {1, 3}) {
            InputType in = convInput ? InputType.convolutional(7, 7, 1) : InputType.feedForward(6);
            ComputationGraph g = LmserNets.withMse((LmserLayer) layer.clone(), in);
            Nd4j.getRandom().setSeed(7 + batch);
            // random biases too, so that no ReLU sits exactly on its kink
            g.params().assign(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
            INDArray x = convInput ? Nd4j.rand(DataType.DOUBLE, batch, 1, 7, 7) : Nd4j.rand(DataType.DOUBLE, batch, 6);
            INDArray out = g.outputSingle(x);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, out.shape()).reshape(batch, out.length() / batch);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels}).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-9).exitOnFirstError(false));
            assertTrue(ok, name + ", minibatch " + batch);
        }
    }
}
