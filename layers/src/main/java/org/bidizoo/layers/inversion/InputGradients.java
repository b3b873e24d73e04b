package org.bidizoo.layers.inversion;

import java.util.ArrayList;
import java.util.Collection;

import org.bidizoo.layers.runtime.InputGradientSwitch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients with respect to a {@link ComputationGraph}'s input of its training loss (FGSM uses
 * them). One backward pass; parameters are not changed.
 */
public final class InputGradients {
    private InputGradients() {
    }

    /**
     * dL/dx of the graph's own loss.
     *
     * @param graph  an initialised graph with one input
     * @param x      its input
     * @param labels one label array per output
     * @return dL/dx, the shape of x (a detached copy)
     */
    public static INDArray ofLoss(ComputationGraph graph, INDArray x, INDArray... labels) {
        if (graph.getNumInputArrays() != 1) {
            throw new IllegalArgumentException("graph has " + graph.getNumInputArrays() + " inputs; expected 1");
        }
        if (labels.length != graph.getNumOutputArrays()) {
            throw new IllegalArgumentException("labels: " + labels.length + " arrays for a graph with "
                    + graph.getNumOutputArrays() + " outputs");
        }
        return withoutWorkspaces(graph, () -> {
            String in = graph.getConfiguration().getNetworkInputs().get(0);
            INDArray[] captured = new INDArray[1];
            // DL4J clears every vertex's epsilon before computeGradientAndScore returns; a listener sees it first
            TrainingListener capture = new BaseTrainingListener() {
                @Override
                public void onBackwardPass(Model model) {
                    GraphVertex v = graph.getVertex(in);
                    captured[0] = v.getEpsilon() == null ? null : v.getEpsilon().dup();
                }
            };
            Collection<TrainingListener> before = new ArrayList<>(graph.getListeners());
            graph.addListeners(capture);
            forceInputGradients(graph, true);
            try {
                graph.setInputs(x);
                graph.setLabels(labels);
                graph.computeGradientAndScore();
            } finally {
                graph.setListeners(before);
                forceInputGradients(graph, false);
            }
            if (captured[0] == null) {
                throw new IllegalStateException("the graph produced no gradient for input '" + in + "'");
            }
            return captured[0];
        });
    }

    /** Layers that skip dL/d(input) by configuration compute it while this class reads it. */
    private static void forceInputGradients(ComputationGraph graph, boolean on) {
        for (Layer l : graph.getLayers()) {
            if (l instanceof InputGradientSwitch s) {
                s.setInputGradientForced(on);
            }
        }
    }

    private interface Body {
        INDArray run();
    }

    /** Runs with workspaces off, so that the input epsilon is a plain array that outlives the pass. */
    private static INDArray withoutWorkspaces(ComputationGraph graph, Body body) {
        WorkspaceMode train = graph.getConfiguration().getTrainingWorkspaceMode();
        WorkspaceMode infer = graph.getConfiguration().getInferenceWorkspaceMode();
        graph.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        graph.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.NONE);
        try {
            return body.run();
        } finally {
            graph.getConfiguration().setTrainingWorkspaceMode(train);
            graph.getConfiguration().setInferenceWorkspaceMode(infer);
            graph.clearLayersStates();
        }
    }
}
