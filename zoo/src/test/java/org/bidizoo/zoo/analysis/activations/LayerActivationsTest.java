package org.bidizoo.ui.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.bidizoo.ui.server.TinyGraphs;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerActivationsTest {
    @Test
    void namesAreTheGraphsInputsAndVerticesInOrder() {
        assertEquals(List.of("input", "hidden", "code", "reconstruction", "label"),
                LayerActivations.names(TinyGraphs.autoencoder()));
    }

    @Test
    void activationsMatchFeedForwardAcrossChunks() {
        ComputationGraph g = TinyGraphs.autoencoder();
        INDArray x = TinyGraphs.data(1100, 2)[0];
        Map<String, INDArray> a = LayerActivations.of(g, x, List.of("code", "input"));
        assertEquals(List.of("code", "input"), List.copyOf(a.keySet()));
        assertArrayEquals(new long[] {1100, 4}, a.get("code").shape());
        assertEquals(x, a.get("input").castTo(x.dataType()));
        INDArray direct = g.feedForward(x, false).get("code");
        assertEquals(0, direct.sub(a.get("code")).norm2Number().doubleValue(), 1e-5);
    }
}
