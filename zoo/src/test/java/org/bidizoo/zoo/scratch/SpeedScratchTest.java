package org.bidizoo.zoo.scratch;

import org.bidizoo.zoo.model.*;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class SpeedScratchTest {
    @Test
    void speed() {
        for (String name : new String[] {"lmser-dense", "lmser-conv"}) {
            BidizooModel m = ZooRegistry.create(name, LmserVariant.UN, ModelSettings.builder().build());
            ComputationGraph g = m.init();
            INDArray x = m.featureLayout() == org.bidizoo.datasets.image.FeatureLayout.FLAT ? Nd4j.rand(DataType.FLOAT, 50, 784) : Nd4j.rand(DataType.FLOAT, 50, 1, 28, 28);
            MultiDataSet mds = m.trainingBatch(x, Nd4j.zeros(DataType.FLOAT, 50, 10), null);
            for (int i = 0; i < 30; i++) g.fit(mds);
            long t0 = System.nanoTime();
            int n = 100;
            for (int i = 0; i < n; i++) g.fit(mds);
            double ms = (System.nanoTime() - t0) / 1e6 / n;
            System.err.println("SPEED " + name + " train ms/step " + ms + " samples/s " + 50 * 1000 / ms);
            INDArray xi = m.featureLayout() == org.bidizoo.datasets.image.FeatureLayout.FLAT ? Nd4j.rand(DataType.FLOAT, 500, 784) : Nd4j.rand(DataType.FLOAT, 500, 1, 28, 28);
            for (int i = 0; i < 5; i++) g.output(xi);
            t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) g.output(xi);
            ms = (System.nanoTime() - t0) / 1e6 / 20;
            System.err.println("SPEED " + name + " infer ms/batch500 " + ms + " samples/s " + 500 * 1000 / ms);
        }
    }
}
