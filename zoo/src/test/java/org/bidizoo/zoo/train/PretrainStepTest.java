package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.zoo.model.DbnModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.PretrainPhase;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Layer-wise pretraining through the loop: which layer each iteration trains, and fit afterwards. */
class PretrainStepTest {

    private static Map<String, INDArray> snapshot(ComputationGraph g) {
        Map<String, INDArray> out = new HashMap<>();
        for (String l : List.of("rbm1", "rbm2", "label")) {
            out.put(l, g.getLayer(l).params().dup());
        }
        return out;
    }

    private static List<String> changed(Map<String, INDArray> before, ComputationGraph g) {
        // exact comparison: INDArray.equals allows 1e-5, and a fine-tuning step moves the lowest RBM by less
        return before.keySet().stream().filter(l -> before.get(l).sub(g.getLayer(l).params()).amaxNumber()
                .doubleValue() > 0).sorted().toList();
    }

    @Test
    void eachIterationTrainsItsPhasesLayerThenTheWholeGraph() {
        DbnModel spec = DbnModel.builder().hidden(6, 5).pretrainIterations(2)
                .settings(ModelSettings.builder().inputShape(1, 3, 4).numClasses(3).build()).build();
        assertEquals(List.of(new PretrainPhase("rbm1", 2), new PretrainPhase("rbm2", 2)), spec.pretraining());
        ComputationGraph g = spec.init();
        TrainingStep step = TrainingStep.forModel(spec);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 12);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        y.putScalar(0, 0, 1).putScalar(1, 1, 1).putScalar(2, 2, 1).putScalar(3, 0, 1);
        MultiDataSet batch = spec.trainingBatch(x, y, null);
        String[][] expected = {{"rbm1"}, {"rbm1"}, {"rbm2"}, {"rbm2"}, {"label", "rbm1", "rbm2"}};
        for (int it = 0; it < expected.length; it++) {
            Map<String, INDArray> before = snapshot(g);
            step.fit(g, List.of(batch).iterator(), it);
            assertEquals(List.of(expected[it]), changed(before, g), "iteration " + it);
            assertTrue(Double.isFinite(g.score()), "score at iteration " + it);
        }
        // a stretch of several minibatches crossing a phase boundary: iterations 1 and 2
        ComputationGraph h = spec.init();
        Map<String, INDArray> before = snapshot(h);
        step.fit(h, List.of(batch, batch).iterator(), 1);
        assertEquals(List.of("rbm1", "rbm2"), changed(before, h));
        assertNotEquals(0.0, h.score());
    }

    @Test
    void graphListenersSeeTheGraphAndTheRunsIterationWhileDl4jListenersSeeTheLayer() {
        DbnModel spec = DbnModel.builder().hidden(6, 5).pretrainIterations(2)
                .settings(ModelSettings.builder().inputShape(1, 3, 4).numClasses(3).build()).build();
        ComputationGraph g = spec.init();
        List<String> graphLevel = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        class Reading extends BaseTrainingListener implements GraphListener {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                graphLevel.add(model.getClass().getSimpleName() + "@" + iteration);
            }
        }
        g.setListeners(new Reading(), new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                plain.add(model.getClass().getSimpleName());
            }
        });
        MultiDataSet batch = spec.trainingBatch(Nd4j.rand(DataType.FLOAT, 4, 12), Nd4j.zeros(DataType.FLOAT, 4, 3),
                null);
        TrainingStep.forModel(spec).fit(g, List.of(batch, batch, batch, batch, batch).iterator(), 0);
        assertEquals(List.of("ComputationGraph@0", "ComputationGraph@1", "ComputationGraph@2", "ComputationGraph@3",
                "ComputationGraph@4"), graphLevel, "the run's iterations, also when fine-tuning");
        assertEquals(List.of("RbmLayerImpl", "RbmLayerImpl", "RbmLayerImpl", "RbmLayerImpl", "ComputationGraph"), plain,
                "DL4J's behaviour for other listeners");
        assertEquals(2, g.getListeners().size(), "both listeners are back on the graph");
    }

    @Test
    void badPhasesAreClearErrors() {
        assertEquals("pretrain phase of 'rbm': iterations = 0, expected >= 1",
                assertThrows(IllegalArgumentException.class, () -> new PretrainPhase("rbm", 0)).getMessage());
        DbnModel spec = DbnModel.builder().hidden(6).settings(ModelSettings.builder().inputShape(1, 3, 4)
                .numClasses(3).build()).build();
        ComputationGraph g = spec.init();
        PretrainStep step = new PretrainStep(List.of(new PretrainPhase("label", 1)));
        MultiDataSet batch = spec.trainingBatch(Nd4j.rand(DataType.FLOAT, 2, 12), Nd4j.zeros(DataType.FLOAT, 2, 3),
                null);
        assertTrue(assertThrows(IllegalStateException.class, () -> step.fit(g, List.of(batch).iterator(), 0))
                .getMessage().contains("layer 'label' is not a pretrain layer"));
        assertEquals("hidden = [500, 0], expected one or more positive layer sizes",
                assertThrows(IllegalArgumentException.class, () -> DbnModel.builder().hidden(500, 0).build())
                        .getMessage());
    }
}
