package org.bidizoo.layers.lmser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.layers.lmser.xu.DenseStack;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Views of an {@link LmserLayer}'s parameters as the {@link DenseStack} of Xu's rules (seed 001). */
public final class LmserStacks {
    private LmserStacks() {
    }

    /**
     * @param conf   an all-dense layer with tied weights (DCW)
     * @param params its parameter table (held, not copied: updates to the stack train the layer)
     * @return the stack
     * @throws IllegalArgumentException if a level is convolutional or the weights are not tied
     */
    public static DenseStack of(LmserLayer conf, Map<String, INDArray> params) {
        if (!conf.isTiedWeights()) {
            throw new IllegalArgumentException("tiedWeights = false; Xu's perception and learning rules need the"
                    + " top-down pass to use the bottom-up weights (tiedWeights = true)");
        }
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = conf.isBiases() ? new ArrayList<>() : null;
        List<INDArray> c = conf.isBiases() ? new ArrayList<>() : null;
        for (int k = 0; k < conf.getLevels().size(); k++) {
            if (conf.getLevels().get(k).isConv()) {
                throw new IllegalArgumentException("level " + k + " is convolutional (" + conf.getLevels().get(k)
                        + "); Xu's perception and learning rules are implemented for dense levels only");
            }
            w.add(params.get(LmserParams.weight(k)));
            if (b != null) {
                b.add(params.get(LmserParams.bias(k)));
                c.add(params.get(LmserParams.topDownBias(k)));
            }
        }
        return new DenseStack(w, b, c, conf.getActivation(), conf.getCodeActivation(), conf.getOutputActivation());
    }
}
