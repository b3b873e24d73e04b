package org.bidizoo.zoo.scratch;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.layers.associated.*;
import org.bidizoo.layers.updater.FastAdam;
import org.bidizoo.zoo.experiment.DataSplits;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class ScratchAlTest {
    @Test
    void t() throws Exception {
        DataSplits d = DataSplits.load("mnist");
        for (String variant : System.getProperty("variants", "a").split(",")) {
            double lr = Double.parseDouble(System.getProperty("lr", "1e-3"));
            int w = Integer.parseInt(System.getProperty("w", "256"));
            AssociatedLearning.Builder b = AssociatedLearning.builder().inputType(InputType.feedForward(784)).numClasses(10)
                .updater(new FastAdam(lr)).block(AssociatedBlock.dense(w, w, 5 * w)).block(AssociatedBlock.dense(w, w, 5 * w));
            if (variant.contains("w")) b.lossWeight("loss_inv1", 10).lossWeight("loss_inv2", 10);
            AssociatedNetwork net = b.build().build();
            ImageDataSetIterator it = ImageDataSetIterator.builder(d.train()).layout(FeatureLayout.FLAT).batchSize(32).shuffle(1).firstN(5000).build();
            for (int e = 0; e < 3; e++) {
                it.reset();
                long t0 = System.nanoTime();
                while (it.hasNext()) { DataSet ds = it.next(); net.fit(ds); }
                ImageDataSetIterator te = ImageDataSetIterator.builder(d.test()).layout(FeatureLayout.FLAT).batchSize(500).firstN(2000).build();
                int c = 0, n = 0;
                while (te.hasNext()) { DataSet ds = te.next(); INDArray o = net.output(ds.getFeatures()); c += o.argMax(1).eq(ds.getLabels().argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue(); n += o.size(0);}
                DataSet ds0 = te.data() == null ? null : null;
                it.reset(); DataSet first = it.next();
                System.out.println("RESULT " + variant + " lr " + lr + " epoch " + (e+1) + " acc " + (double) c / n + " score " + net.score(first.getFeatures(), first.getLabels()) + " secs " + (System.nanoTime()-t0)/1e9);
                net.training().getLayer("loss_fwd2");
            }
        }
    }
}
