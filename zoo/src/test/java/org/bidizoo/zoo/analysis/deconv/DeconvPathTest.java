package org.bidizoo.zoo.analysis.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bidizoo.zoo.model.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DeconvPathTest {
    @Test
    void readsTheZooCnnAndMatchesItsActivations() {
        ComputationGraph g = ZooRegistry.create("cnn").init();
        assertEquals(List.of("conv0", "conv1", "conv2", "conv3"), DeconvPath.convolutionLayers(g));
        DeconvPath p = DeconvPath.of(g, "conv2");
        assertEquals(3, p.steps().size());
        assertEquals(64, p.top().maps());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        INDArray mine = new DeconvProjector(p, BackwardRule.DECONVNET).forward(x).output();
        assertTrue(g.feedForward(x, false).get("conv2").equalsWithEps(mine, 1e-5));
        assertEquals("conv1", DeconvPath.of(g, "1").layer()); // an index into getLayers()
    }

    @Test
    void aLayerThatIsNotAConvolutionIsRefusedWithTheConvolutionLayersListed() {
        ComputationGraph g = ZooRegistry.create("cnn").init();
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> DeconvPath.of(g, "label"));
        assertEquals("layer 'label' is a OutputLayer; expected a convolution layer: one of [conv0, conv1, conv2, conv3]",
                dense.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeconvPath.of(g, "conv9")).getMessage()
                .contains("'conv9' is not in the network; expected a convolution layer: one of [conv0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeconvPath.of(g, "7")).getMessage()
                .contains("index out of range; the network has 5 layers"));
        MultiLayerNetwork n = DeconvProjectorTest.net(1);
        assertEquals("layer '1' is a SubsamplingLayer; expected a convolution layer: one of [0, 2, 4]",
                assertThrows(IllegalArgumentException.class, () -> DeconvPath.of(n, "1")).getMessage());
    }

    @Test
    void visualizerFindsTheStrongestImagesAndProjectsThem() {
        ComputationGraph g = ZooRegistry.create("cnn").init();
        INDArray images = Nd4j.rand(DataType.FLOAT, 40, 1, 28, 28);
        DeconvVisualizer.Result r = DeconvVisualizer.visualize(g, "conv1", images, 3, 4, BackwardRule.DECONVNET);
        assertEquals(32, r.maps());
        assertEquals(4, r.views().size());
        INDArray acts = g.feedForward(images, false).get("conv1");
        for (DeconvVisualizer.MapView v : r.views()) {
            assertEquals(3, v.hits().size());
            assertTrue(v.hits().get(0).value() >= v.hits().get(1).value());
            double expected = acts.get(NDArrayIndex.point(v.hits().get(0).image()), NDArrayIndex.point(v.map())).dup()
                    .maxNumber().doubleValue();
            assertEquals(expected, v.hits().get(0).value(), 1e-5);
            assertTrue(images.slice(v.hits().get(0).image()).equalsWithEps(v.images().slice(0), 0));
            assertEquals(List.of(3L, 1L, 28L, 28L), List.of(v.projections().shape()[0], v.projections().shape()[1],
                    v.projections().shape()[2], v.projections().shape()[3]));
        }
        assertTrue(r.views().get(0).hits().get(0).value() >= r.views().get(1).hits().get(0).value());
        assertEquals("top = 0: expected >= 1 images per feature map", assertThrows(IllegalArgumentException.class,
                () -> DeconvVisualizer.visualize(g, "conv1", images, 0, 4, BackwardRule.DECONVNET)).getMessage());
    }
}
