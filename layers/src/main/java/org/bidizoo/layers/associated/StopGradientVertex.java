package org.bidizoo.layers.associated;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stop-gradient sg(·) as a {@link ComputationGraph} vertex: the forward pass is the identity (any
 * shape: {@code [b, n]}, {@code [b, c, h, w]}, ...), the backward pass sends a zero epsilon to its
 * input, so no gradient crosses it. Associated Learning puts one at every block boundary.
 * No parameters; serialises to JSON as a type name only.
 */
public class StopGradientVertex extends GraphVertex {
    /** A stop-gradient vertex (no settings). */
    public StopGradientVertex() {
        // stateless
    }

    @Override
    public StopGradientVertex clone() {
        return new StopGradientVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StopGradientVertex;
    }

    @Override
    public int hashCode() {
        return StopGradientVertex.class.getName().hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        return new StopGradientVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs == null || vertexInputs.length != 1) {
            throw new InvalidInputTypeException("StopGradientVertex: inputs = "
                    + (vertexInputs == null ? 0 : vertexInputs.length) + ", expected exactly 1");
        }
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, StopGradientVertex.class, inputTypes[0], out).standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "StopGradientVertex()";
    }
}
