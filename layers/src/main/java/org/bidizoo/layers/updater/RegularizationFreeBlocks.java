package org.bidizoo.layers.updater;

import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Skips DL4J's regularization pass for updater blocks in which no parameter is regularized. DL4J
 * (1.0.0-M2.1) runs {@code UpdaterBlock.applyRegularizationAllVariables} twice per block and step
 * whether or not any regularization is configured, and each run makes four array views per parameter
 * (a reshape and an interval of the parameter and gradient vectors): for a layer with nine parameter
 * arrays that is 72 new arrays, shape buffers and native pointers per step, about a sixth of a small
 * dense model's step. The blocks are replaced by subclasses that skip the pass when it has nothing to
 * do; the update itself is DL4J's.
 */
public final class RegularizationFreeBlocks {
    private RegularizationFreeBlocks() {
    }

    /**
     * Replaces the network's updater blocks in which no parameter has regularization. Call it after
     * {@code init()} and again after changing the regularization configuration or the updater.
     *
     * @param model a {@link ComputationGraph} or {@link MultiLayerNetwork}
     * @return how many blocks now skip the pass
     */
    public static int install(Model model) {
        Updater u;
        if (model instanceof ComputationGraph g) {
            u = g.getUpdater(true);
        } else if (model instanceof MultiLayerNetwork n) {
            u = n.getUpdater(true);
        } else {
            throw new IllegalArgumentException("model: expected a ComputationGraph or MultiLayerNetwork, got "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        if (!(u instanceof BaseMultiLayerUpdater<?> base)) {
            return 0;
        }
        List<UpdaterBlock> blocks = base.getUpdaterBlocks();
        int replaced = 0;
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock b = blocks.get(i);
            if (b instanceof Skipping) {
                replaced++;
            } else if (!regularized(b)) {
                blocks.set(i, new Skipping(b));
                replaced++;
            }
        }
        return replaced;
    }

    private static boolean regularized(UpdaterBlock b) {
        for (UpdaterBlock.ParamState ps : b.getLayersAndVariablesInBlock()) {
            Trainable layer = ps.getLayer();
            List<Regularization> r = layer.getConfig().getRegularizationByParam(ps.getParamName());
            if (r != null && !r.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** An updater block whose parameters have no regularization: the same update without the empty pass. */
    static final class Skipping extends UpdaterBlock {
        Skipping(UpdaterBlock b) {
            super(b.getParamOffsetStart(), b.getParamOffsetEnd(), b.getUpdaterViewOffsetStart(),
                    b.getUpdaterViewOffsetEnd(), b.getLayersAndVariablesInBlock());
            setUpdaterView(b.getUpdaterView());
            setGradientView(b.getGradientView());
            setUpdaterViewRequiresInitialization(b.isUpdaterViewRequiresInitialization());
            setGradientUpdater(b.getGradientUpdater());
        }

        @Override
        protected void applyRegularizationAllVariables(Regularization.ApplyStep applyStep, int iter, int epoch,
                                                       boolean externalGradient, INDArray fullNetworkGradientView,
                                                       INDArray fullNetworkParamsArray) {
            // no parameter of this block is regularized: nothing to apply
        }
    }
}
