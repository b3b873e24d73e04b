package org.bidizoo.cli.experiment;

import org.bidizoo.datasets.corrupt.Corrupted;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Associative recall (seed 000, "Association"): an occluded image goes up and comes back down as a
 * complete one. With {@code steps > 1} the recalled pixels are fed back in place of the hidden ones
 * and the pass repeats; the visible pixels always stay as observed.
 */
public final class Recall {
    private Recall() {
    }

    /**
     * @param spec      a zoo model that reconstructs
     * @param graph     its graph
     * @param corrupted the occluded input (model layout) and its mask
     * @param steps     recall passes, {@code >= 1}
     * @return the recalled images, the model's reconstruction shape flattened to {@code [b, C*H*W]}
     */
    public static INDArray recall(BidizooModel spec, ComputationGraph graph, Corrupted corrupted, int steps) {
        if (!spec.reconstructs()) {
            throw new IllegalArgumentException("model " + spec.name() + " does not reconstruct; recall needs a"
                    + " reconstruction output");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps = " + steps + ", expected >= 1");
        }
        INDArray observed = corrupted.input();
        long b = observed.size(0);
        INDArray mask = corrupted.mask().reshape(b, observed.length() / b);
        INDArray keep = mask.rsub(1.0);
        INDArray x = observed;
        INDArray recon = null;
        for (int s = 0; s < steps; s++) {
            INDArray out = graph.output(false, x)[spec.reconstructionOutput()];
            recon = out.reshape(b, out.length() / b);
            // visible pixels as observed, hidden pixels as recalled
            INDArray next = observed.reshape(b, observed.length() / b).mul(keep).addi(recon.mul(mask));
            x = next.reshape(observed.shape());
        }
        return recon;
    }
}
