package org.bidizoo.layers.associated;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime of {@link StopGradientVertex}: identity forward, zero epsilon backward. */
public class StopGradientVertexImpl extends BaseGraphVertex {
    /**
     * @param graph    the graph
     * @param name     vertex name
     * @param index    vertex index
     * @param dataType network data type
     */
    public StopGradientVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("StopGradientVertex " + vertexName + ": forward pass without input");
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, inputs[0]);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("StopGradientVertex " + vertexName + ": backward pass without epsilon");
        }
        INDArray zero = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[0].dataType(), inputs[0].shape(),
                inputs[0].ordering());
        zero.assign(0);
        return new Pair<>(null, new INDArray[] {zero});
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalArgumentException("StopGradientVertex " + vertexName + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        if (maskArrays == null || maskArrays.length == 0) {
            return null;
        }
        return new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "StopGradientVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
    }
}
