package org.bidizoo.layers.associated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bidizoo.layers.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

@ExtendWith(DoublePrecision.class)
class PipelinedTrainerTest {
    private static List<DataSet> batches(AssociatedLearning spec, int n) {
        List<DataSet> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(new DataSet(AlNets.features(spec, 5, 100 + k), AlNets.labels(5)));
        }
        return out;
    }

    private static DataSetIterator iterator(List<DataSet> batches) {
        return new org.deeplearning4j.datasets.iterator.IteratorDataSetIterator(batches.iterator(), 5);
    }

    @Test
    void everyStageCountEqualsFittingTheWholeTrainingGraph() {
        for (AssociatedLearning.Builder b : List.of(AlNets.conv(), AlNets.dense())) {
            AssociatedLearning spec = b.updater(new Adam(0.01)).build();
            List<DataSet> data = batches(spec, 6);
            AssociatedNetwork whole = spec.build();
            for (DataSet ds : data) {
                whole.fit(ds);
            }
            int n = whole.numBlocks();
            for (int stages = 1; stages <= n; stages++) {
                AssociatedNetwork net = spec.build();
                INDArray before = net.training().params().dup();
                try (PipelinedTrainer t = new PipelinedTrainer(net, stages, 1)) {
                    assertEquals(6, t.fit(iterator(data)));
                }
                assertTrue(before.sub(whole.training().params()).amaxNumber().doubleValue() > 1e-3, "training moved");
                double diff = net.training().params().sub(whole.training().params()).amaxNumber().doubleValue();
                assertTrue(diff < 1e-10, stages + " stages of " + n + " blocks: max parameter difference " + diff);
                INDArray x = AlNets.features(spec, 3, 1);
                assertTrue(whole.output(x).equalsWithEps(net.output(x), 1e-10));
            }
        }
    }

    @Test
    void stagesBalanceParametersAndBadCountsAreClearErrors() {
        assertArrayEquals(new int[][] {{0}, {1, 2}}, PipelinedTrainer.partition(new long[] {10, 5, 5}, 2));
        assertArrayEquals(new int[][] {{0, 1}, {2}}, PipelinedTrainer.partition(new long[] {5, 5, 10}, 2));
        assertArrayEquals(new int[][] {{0}, {1}, {2}}, PipelinedTrainer.partition(new long[] {1, 1, 100}, 3));
        assertArrayEquals(new int[][] {{0, 1, 2}}, PipelinedTrainer.partition(new long[] {1, 1, 100}, 1));
        AssociatedNetwork net = AlNets.dense().build().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PipelinedTrainer(net, 3));
        assertTrue(e.getMessage().contains("stages = 3, expected in [1, 2]"), e.getMessage());
        assertEquals("block = 3, expected 1..2", assertThrows(IllegalArgumentException.class,
                () -> BlockTrainer.of(net, 3)).getMessage());
        assertEquals("block = 0, expected 1..2", assertThrows(IllegalArgumentException.class,
                () -> BlockTrainer.of(net, 0)).getMessage());
    }

    @Test
    void aBlockTravelsAsBytesWithItsUpdaterStateAndCount() {
        AssociatedLearning spec = AlNets.dense().updater(new Adam(0.01)).build();
        AssociatedNetwork net = spec.build();
        BlockTrainer b = BlockTrainer.of(net, 1);
        INDArray x = AlNets.features(spec, 5, 3);
        INDArray y = AlNets.labels(5);
        b.step(x, y, false);
        BlockTrainer copy = BlockTrainer.restore(b.toBytes(), 1);
        assertEquals(b.graph().params(), copy.graph().params());
        assertEquals(b.graph().getUpdater().getStateViewArray(), copy.graph().getUpdater().getStateViewArray());
        assertEquals(1, copy.graph().getIterationCount(), "Adam's bias correction continues from the count");
        INDArray[] a = b.step(x, y, true);
        INDArray[] c = copy.step(x, y, true);
        assertEquals(a[0], c[0]);
        assertEquals(a[1], c[1]);
        assertEquals(b.graph().params(), copy.graph().params(), "the next step is the same on both");
    }

    @Test
    void aFailingStageIsReportedNotHung() {
        AssociatedLearning spec = AlNets.dense().build();
        AssociatedNetwork net = spec.build();
        List<DataSet> bad = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            bad.add(new DataSet(AlNets.features(spec, 5, k), org.nd4j.linalg.factory.Nd4j.zeros(5, 7)));
        }
        try (PipelinedTrainer t = new PipelinedTrainer(net, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(iterator(bad)));
            assertTrue(e.getMessage().contains("a training stage failed"), e.getMessage());
        }
    }
}
