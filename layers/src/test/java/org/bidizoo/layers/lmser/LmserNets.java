package org.bidizoo.layers.lmser;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small graphs around one Lmser layer, for tests. */
final class LmserNets {
    private LmserNets() {
    }

    /** input → lmser → MSE loss layer; double precision, no updater. */
    static ComputationGraph withMse(LmserLayer lmser, InputType in) {
        return withMse(lmser, in, new NoOp(), DataType.DOUBLE);
    }

    static ComputationGraph withMse(LmserLayer lmser, InputType in, IUpdater updater, DataType dt) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(dt).seed(42)
                .updater(updater).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("lmser", lmser, "in")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .build(), "lmser")
                .setOutputs("loss").setInputTypes(in).build());
        g.init();
        return g;
    }
}
