package org.bidizoo.layers.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** FastAdam follows DL4J's Adam step for step, survives JSON and ModelSerializer, and validates. */
class FastAdamTest {

    private static ComputationGraph net(IUpdater u) {
        return net(u, DataType.DOUBLE);
    }

    private static ComputationGraph net(IUpdater u, DataType dt) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(dt).seed(7)
                .updater(u).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").setInputTypes(InputType.feedForward(5)).build());
        g.init();
        return g;
    }

    private static DataSet data(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void equalsDl4jAdamOverManySteps() {
        ComputationGraph ours = net(new FastAdam(0.01));
        ComputationGraph ref = net(new Adam(0.01));
        assertEquals(ref.params(), ours.params());
        for (int i = 0; i < 50; i++) {
            DataSet d = data(i);
            ours.fit(d);
            ref.fit(d);
        }
        assertEquals(0.0, ref.params().sub(ours.params()).amaxNumber().doubleValue(), 1e-10);
        assertEquals(0.0, ref.getUpdater().getStateViewArray().sub(ours.getUpdater().getStateViewArray())
                .amaxNumber().doubleValue(), 1e-10, "m and v state");
    }

    @Test
    void equalsDl4jAdamInFloat() {
        ComputationGraph ours = net(new FastAdam(0.01), DataType.FLOAT);
        ComputationGraph ref = net(new Adam(0.01), DataType.FLOAT);
        for (int i = 0; i < 30; i++) {
            DataSet d = data(i);
            d.setFeatures(d.getFeatures().castTo(DataType.FLOAT));
            d.setLabels(d.getLabels().castTo(DataType.FLOAT));
            ours.fit(d);
            ref.fit(d);
        }
        assertEquals(0.0, ref.params().sub(ours.params()).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void equalsDl4jAdamWithASchedule() {
        ExponentialSchedule s = new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.99);
        ComputationGraph ours = net(new FastAdam(s));
        ComputationGraph ref = net(new Adam(s));
        for (int i = 0; i < 20; i++) {
            DataSet d = data(i);
            ours.fit(d);
            ref.fit(d);
        }
        assertEquals(0.0, ref.params().sub(ours.params()).amaxNumber().doubleValue(), 1e-10);
    }

    @Test
    void survivesJsonAndModelSerializer() throws Exception {
        ComputationGraph g = net(new FastAdam(0.02));
        g.fit(data(1));
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson());
        assertEquals(g.getConfiguration(), back);
        java.io.File f = java.nio.file.Files.createTempFile("fastadam", ".zip").toFile();
        f.deleteOnExit();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph r = ModelSerializer.restoreComputationGraph(f, true);
        DataSet d = data(2);
        g.fit(d);
        r.fit(d);
        assertEquals(0.0, g.params().sub(r.params()).amaxNumber().doubleValue(), 1e-12, "restored updater state");
    }

    @Test
    void rejectsBadLearningRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FastAdam(0));
        assertEquals("learningRate = 0.0, expected > 0", e.getMessage());
    }
}
