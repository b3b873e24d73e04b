package org.bidizoo.zoo.model;

import java.io.IOException;

import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.pretrained.PretrainedRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Trained weights as typed constants, one enum per family (torchvision's weights pattern): {@link LmserWeights},
 * {@link BaselineWeights}, {@link AssociatedWeights}, {@link ClassicWeights}. Each constant names one entry of the pretrained registry,
 * which carries the data (file, full SHA-256, size, dataset, preprocessing, measured metrics, parameter count,
 * licence, the command that made it); a test checks that constants and entries match one to one. A family's
 * builder takes its constants ({@code LmserModel.Builder.weights(LmserWeights.LMSER_DENSE_UN_MNIST_V1)}).
 */
public interface ZooWeights {
    /** @return the registry id, {@code model[-variant]/VERSION} */
    String id();

    /** @return the registry entry: file, hash, size, dataset, metrics, licence */
    default PretrainedEntry entry() {
        return PretrainedRegistry.byId(id());
    }

    /**
     * @return the zoo model with these weights (the structure of its {@code init()}, verified by SHA-256; shipped
     *         files work offline)
     * @throws IOException if the weights cannot be had (the message says why)
     */
    default ComputationGraph load() throws IOException {
        PretrainedEntry e = entry();
        LmserVariant v = e.variant().isEmpty() ? null : LmserVariant.byName(e.variant());
        return ZooRegistry.create(e.model(), v, ModelSettings.builder().build()).initPretrained(e);
    }
}
