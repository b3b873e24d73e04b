package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainingLoopTest {

    /** 37 images of 1×2×2 with 3 classes; pixel values from the index. */
    static LabeledImages images() {
        int n = 37;
        byte[] px = new byte[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 4; p++) {
                px[4 * i + p] = (byte) ((i * 37 + p * 91) % 256);
            }
            y[i] = i % 3;
        }
        return new LabeledImages(px, y, 1, 2, 2, 3);
    }

    static ComputationGraph graph(IUpdater updater) {
        return graph(updater, LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX);
    }

    static ComputationGraph graph(IUpdater updater, LossFunctions.LossFunction loss, Activation out) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).updater(updater)
                .graphBuilder().addInputs("x")
                .addLayer("h", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "x")
                .addLayer("label", new OutputLayer.Builder(loss).nOut(3).activation(out).build(), "h")
                .setOutputs("label").setInputTypes(InputType.feedForward(4)).build());
        g.init();
        return g;
    }

    static ImageDataSetIterator iterator() {
        return ImageDataSetIterator.builder(images()).batchSize(5).shuffle(9).build();
    }

    @Test
    void equalsPlainFitOverTheSameMinibatches() {
        ComputationGraph a = graph(new Adam(1e-2));
        ComputationGraph b = a.clone();
        ImageDataSetIterator it = iterator();
        for (int k = 0; k < 20; k++) {
            if (!it.hasNext()) {
                it.reset();
            }
            a.fit(it.next());
        }
        TrainingLoop.Result r = TrainingLoop.builder("t", b, Batches.of(iterator())).iterations(20).progress(false)
                .build().run();
        assertEquals(20, r.iterations());
        assertEquals(a.params(), b.params());
        assertEquals(a.score(), r.score(), 0.0);
    }

    @Test
    void aRunResumedFromACheckpointEndsWhereAnUninterruptedOneEnds(@TempDir Path dir) throws IOException {
        ComputationGraph whole = graph(new Adam(1e-2));
        ComputationGraph part = whole.clone();
        TrainingLoop.builder("whole", whole, Batches.of(iterator())).iterations(23).progress(false).build().run();
        Checkpoints cps = new Checkpoints(dir, 2);
        TrainingLoop killed = TrainingLoop.builder("first", part, Batches.of(iterator())).iterations(23)
                .progress(false).listener(cps.listener(4, null, Map.of("model", "test")))
                .listener(TrainingListener.at(new int[] {13}, s -> {
                    throw new IllegalStateException("killed");
                })).build();
        assertThrows(IllegalStateException.class, killed::run);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("checkpoint-000000008.zip", "checkpoint-000000012.zip"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "the newest 2 are kept, no temporaries");
        }
        Checkpoints.Checkpoint cp = cps.latest().orElseThrow();
        assertEquals(12, cp.iteration());
        assertEquals(new BatchPosition(1, 4), cp.position(), "8 minibatches per epoch: 12 = one epoch and 4");
        assertEquals(Map.of("model", "test"), cp.metadata());
        ComputationGraph resumed = cp.restore();
        TrainingLoop.Result r = TrainingLoop.builder("rest", resumed, Batches.of(iterator())).iterations(23)
                .resume(cp.iteration(), cp.position()).progress(false).build().run();
        assertEquals(23, r.iterations());
        assertEquals(whole.params(), resumed.params(), "bit for bit");
        assertEquals(whole.getUpdater().getStateViewArray(), resumed.getUpdater().getStateViewArray());
    }

    @Test
    void aTruncatedCheckpointIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("checkpoint-000000004.zip");
        Files.write(f, new byte[] {'P', 'K', 3, 4, 0, 0});
        IOException e = assertThrows(IOException.class, () -> new Checkpoints(dir, 1).latest());
        assertTrue(e.getMessage().startsWith("model file " + f + " is not a complete zip file (6 bytes;"),
                e.getMessage());
    }

    @Test
    void aPipelinedStepGetsStretchesUpToTheListenersStops() {
        List<Integer> stretches = new ArrayList<>();
        List<Integer> calls = new ArrayList<>();
        TrainingStep recording = new TrainingStep() {
            @Override
            public void fit(ComputationGraph graph, java.util.Iterator<MultiDataSet> batches) {
                int n = 0;
                while (batches.hasNext()) {
                    graph.fit(batches.next());
                    n++;
                }
                stretches.add(n);
            }

            @Override
            public boolean pipelined() {
                return true;
            }
        };
        TrainingLoop.builder("p", graph(new Adam(1e-2)), Batches.of(iterator())).iterations(10).step(recording)
                .listener(TrainingListener.every(4, s -> calls.add(s.iteration())))
                .listener(TrainingListener.at(new int[] {3}, s -> calls.add(-s.iteration())))
                .progress(false).build().run();
        assertEquals(List.of(3, 1, 4, 2), stretches);
        assertEquals(List.of(-3, 4, 8), calls);
    }

    @Test
    void aDivergingRunStopsWithTheIterationAndTheOutputs() {
        List<Integer> seen = new ArrayList<>();
        TrainingLoop loop = TrainingLoop.builder("diverging", graph(new Sgd(1e30), LossFunctions.LossFunction.MSE, Activation.IDENTITY), Batches.of(iterator()))
                .iterations(50).listener(TrainingListener.every(1, s -> seen.add(s.iteration()))).progress(false)
                .build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, loop::run);
        assertTrue(e.getMessage().startsWith("diverging: training diverged at iteration " + e.iteration() + " of 50"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(outputs: label "), e.getMessage());
        assertEquals(e.iteration() - 1, seen.size(), "no listener saw the broken parameters");
    }

    @Test
    void badSettingsAreNamed() {
        ComputationGraph g = graph(new Adam(1e-2));
        assertEquals("iterations = 0, expected >= 1", assertThrows(IllegalArgumentException.class,
                () -> TrainingLoop.builder("t", g, Batches.of(iterator())).iterations(0)).getMessage());
        assertEquals("resume: 12 iterations are already done, more than the run's 10", assertThrows(
                IllegalArgumentException.class, () -> TrainingLoop.builder("t", g, Batches.of(iterator()))
                        .iterations(10).resume(12, BatchPosition.START).build()).getMessage());
        assertEquals("every = 0, expected >= 1", assertThrows(IllegalArgumentException.class,
                () -> TrainingListener.every(0, s -> { })).getMessage());
    }
}
