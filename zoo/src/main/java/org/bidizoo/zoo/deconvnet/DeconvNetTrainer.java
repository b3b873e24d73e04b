package org.bidizoo.zoo.deconvnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.runtime.ScratchWorkspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns the filters of a {@link DeconvNet} by alternating minimisation of J over minibatches: the maps of
 * the batch inferred for the current filters (ISTA/FISTA), then one gradient step on the filters,
 * F ← F − rate / L_F · ∂J/∂F with L_F = λ‖Z‖² the Lipschitz constant of that gradient for the batch's
 * maps (by power iteration), and each filter projected back to unit norm.
 */
public final class DeconvNetTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DeconvNetTrainer.class);
    private static final int POWER_ITERATIONS = 4;

    private DeconvNetTrainer() {
    }

    /**
     * @param net       the trained network
     * @param objective J per image of each batch before its filter step
     */
    public record Trained(DeconvNet net, List<Double> objective) {
    }

    /** Told after each filter update (on the training thread), e.g. to draw the dashboard's reconstructions. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param updates filter updates done, {@code >= 1}
         * @param net     the network with the filters as they are now (do not change them)
         */
        void updated(int updates, DeconvNet net);
    }

    /**
     * @param config  settings
     * @param data    training images
     * @param updates filter updates (minibatches), {@code >= 1}
     * @param type    data type of the filters and images
     * @return the trained network and its learning curve
     * @throws IllegalArgumentException naming {@code updates} if it is below 1
     */
    public static Trained train(DeconvNetConfig config, LabeledImages data, int updates, DataType type) {
        return train(config, data, updates, type, (u, n) -> { });
    }

    /**
     * @param config   settings
     * @param data     training images
     * @param updates  filter updates (minibatches), {@code >= 1}
     * @param type     data type of the filters and images
     * @param progress told after each update
     * @return the trained network and its learning curve
     * @throws IllegalArgumentException naming {@code updates} if it is below 1
     */
    public static Trained train(DeconvNetConfig config, LabeledImages data, int updates, DataType type,
                                Progress progress) {
        if (updates < 1) {
            throw new IllegalArgumentException("updates = " + updates + ": expected >= 1 filter updates");
        }
        DeconvNet net = DeconvNet.random(config, data.channels(), type);
        ConvDictionary d = net.dictionary();
        Random rng = new Random(config.seed() + 1);
        List<Double> curve = new ArrayList<>();
        for (int u = 0; u < updates; u++) {
            int[] idx = new int[config.batch()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(data.size());
            }
            try (MemoryWorkspace ws = ScratchWorkspace.open("deconvnet-update")) {
                INDArray y = data.features(idx, FeatureLayout.NCHW).castTo(type);
                SparseInference.Result r = net.infer(y);
                curve.add(r.finalObjective() / idx.length);
                INDArray z = r.maps();
                INDArray grad = d.filterGradient(z, d.decode(z).subi(y)).muli(config.lambda());
                double lf = config.lambda() * d.filterNormSquared(z, POWER_ITERATIONS);
                if (lf > 0) {
                    d.filters().subi(grad.muli(config.filterRate() / lf)); // in place: the filters live outside
                    ConvDictionary.normalize(d.filters());
                }
            }
            progress.updated(u + 1, net);
            if ((u + 1) % 50 == 0 || u == updates - 1) {
                LOG.info("deconvnet update {}/{}: J per image {}", u + 1, updates, String.format("%.4f", curve.get(u)));
            }
        }
        return new Trained(net, curve);
    }
}
