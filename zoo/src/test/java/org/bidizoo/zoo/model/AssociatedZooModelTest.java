package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.bidizoo.layers.associated.AssociatedNames;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The thesis' AL topologies: sizes, equal-size backprop twins, hidden activations by vertex name. */
class AssociatedZooModelTest {
    private static final ModelSettings S = ModelSettings.builder().build();

    @Test
    void mlpTwinIsTheThesisSixLayerNetworkWithTheEffectiveSize() {
        long bp = (784L * 1024 + 1024) + (1024L * 1024 + 1024) + (1024L * 5120 + 5120) + (5120L * 1024 + 1024)
                + (1024L * 1024 + 1024) + (1024L * 10 + 10);
        assertEquals(bp, AssociatedZooModel.mlp(S, true).init().numParams());
        AssociatedZooModel al = AssociatedZooModel.mlp(S, false);
        AssociatedNetwork net = al.network(al.init());
        assertEquals(bp, net.effectiveParameterCount());
        // affiliated: g_1 (10 -> 1024), g_2 (1024 -> 1024), b_1 (1024 -> 5120 -> 1024)
        assertEquals((10L * 1024 + 1024) + (1024L * 1024 + 1024) + (1024L * 5120 + 5120) + (5120L * 1024 + 1024),
                net.affiliatedParameterCount());
    }

    @Test
    void cnnTwinHasTheEffectiveSizeAndHiddenActivationsAreNamed() {
        AssociatedZooModel al = AssociatedZooModel.cnn(S, false);
        ComputationGraph g = al.init();
        AssociatedNetwork net = al.network(g);
        assertEquals(net.effectiveParameterCount(), AssociatedZooModel.cnn(S, true).init().numParams());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        y.putScalar(0, 1, 1).putScalar(1, 4, 1);
        Map<String, INDArray> acts = g.feedForward(new INDArray[] {x, y}, false);
        assertArrayEquals(new long[] {2, 32, 14, 14}, acts.get(AssociatedNames.s(1)).shape());
        assertArrayEquals(new long[] {2, 64, 3, 3}, acts.get(AssociatedNames.s(4)).shape());
        for (int i = 1; i <= 4; i++) {
            assertArrayEquals(new long[] {2, 256}, acts.get(AssociatedNames.t(i)).shape());
            assertArrayEquals(new long[] {2, 256}, acts.get(AssociatedNames.bridge(i)).shape());
        }
        INDArray scores = al.outputs(g, x)[0];
        assertArrayEquals(new long[] {2, 10}, scores.shape());
        assertTrue(scores.minNumber().doubleValue() > 0 && scores.maxNumber().doubleValue() < 1, "sigmoid scores");
    }

    @Test
    void vggTakesCifarSizedImagesAndItsTwinHasTheEffectiveSize() {
        ModelSettings cifar = ModelSettings.builder().inputShape(3, 32, 32).build();
        AssociatedZooModel al = AssociatedZooModel.vgg(cifar, false);
        ComputationGraph g = al.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        y.putScalar(0, 1, 1).putScalar(1, 4, 1);
        assertArrayEquals(new long[] {2, 512, 2, 2}, g.feedForward(new INDArray[] {x, y}, false).get("f4").shape());
        assertArrayEquals(new long[] {2, 10}, al.outputs(g, x)[0].shape());
        INDArray before = g.params().dup();
        g.fit(al.trainingBatch(x, y, null));
        assertTrue(before.neq(g.params()).castTo(DataType.INT32).sumNumber().longValue() > 0, "one fit step trains");
        assertEquals(al.network(g).effectiveParameterCount(), AssociatedZooModel.vgg(cifar, true).init().numParams());
    }

    @Test
    void resnetsHaveTheirDepthAndTrainOnCifarSizedImages() {
        ModelSettings cifar = ModelSettings.builder().inputShape(3, 32, 32).build();
        for (int depth : new int[] {20, 32}) {
            AssociatedZooModel al = AssociatedZooModel.resnet(cifar, depth, false);
            ComputationGraph g = al.init();
            long convs = g.getConfiguration().getVertices().keySet().stream()
                    .filter(n -> n.endsWith("_c1") || n.endsWith("_c2")).count();
            assertEquals(depth - 2, convs, "2 convolutions per unit, 3 stages");
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
            y.putScalar(0, 1, 1).putScalar(1, 4, 1);
            Map<String, INDArray> acts = g.feedForward(new INDArray[] {x, y}, false);
            assertArrayEquals(new long[] {2, 16, 32, 32}, acts.get("f1").shape());
            assertArrayEquals(new long[] {2, 32, 16, 16}, acts.get("f2").shape());
            assertArrayEquals(new long[] {2, 64}, acts.get("f3").shape());
            assertArrayEquals(new long[] {2, 10}, al.outputs(g, x)[0].shape());
            assertEquals(al.network(g).effectiveParameterCount(), al.twin().init().numParams());
        }
    }
}
