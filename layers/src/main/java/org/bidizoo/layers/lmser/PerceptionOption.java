package org.bidizoo.layers.lmser;

import java.util.List;

import org.bidizoo.layers.lmser.xu.InverseIntegral;
import org.bidizoo.layers.lmser.xu.Perception;
import org.bidizoo.layers.runtime.PassRuntime;
import org.nd4j.linalg.activations.Activation;

/** Checks an {@link LmserLayer}'s perception option against the rest of its configuration. */
final class PerceptionOption {
    private PerceptionOption() {
    }

    static void validate(double tolerance, int maxIterations, double step, List<LmserLevel> levels,
                         Activation hidden, Activation code, boolean tied, boolean paired, Pairing pairing,
                         LmserOutput output, PassRuntime runtime, double codeNoise) {
        new Perception(tolerance, maxIterations, step);
        for (int k = 0; k < levels.size(); k++) {
            if (levels.get(k).isConv()) {
                throw new IllegalArgumentException("perception: level " + k + " is " + levels.get(k)
                        + "; the perception phase needs dense levels");
            }
        }
        if (!tied || !paired || pairing != Pairing.NET_INPUT) {
            throw new IllegalArgumentException("perception: tiedWeights = " + tied + ", pairedNeurons = " + paired
                    + ", pairing = " + pairing + "; Xu's neuron z = s(y + u) needs tiedWeights = true,"
                    + " pairedNeurons = true and pairing = NET_INPUT");
        }
        if (!InverseIntegral.supports(hidden) || !InverseIntegral.supports(code)) {
            throw new IllegalArgumentException("perception: activation = " + hidden + ", codeActivation = " + code
                    + "; expected SIGMOID, TANH or IDENTITY (Theorem 1 needs invertible, increasing units)");
        }
        if (output == LmserOutput.HIDDEN || runtime == PassRuntime.SAMEDIFF || codeNoise > 0) {
            throw new IllegalArgumentException("perception: output = " + output + ", runtime = " + runtime
                    + ", codeNoise = " + codeNoise + "; expected output RECONSTRUCTION, CODE or BOTH, runtime DIRECT"
                    + " and codeNoise 0");
        }
    }
}
