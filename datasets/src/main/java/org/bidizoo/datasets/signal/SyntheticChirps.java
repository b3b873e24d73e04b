package org.bidizoo.datasets.signal;

import java.util.Random;

import org.bidizoo.datasets.image.LabeledImages;

/**
 * A generated 1-D classification task standing in for seed 002's Bird10 (bird calls, not available
 * here): each signal of length T holds one windowed chirp — a "call" — in noise, and the class says
 * which call. Ten classes: five base frequencies × two sweep directions, so that telling pairs apart
 * needs the shape of the call, not only its pitch.
 *
 * <p>Signal: x(t) = A·w(t − u)·sin(2π(f₀(t − u) + ½k(t − u)²) + φ) + n(t) + a·sin(2πgt + ψ), with a Hann
 * window w of length T/4 at a uniformly random onset u, amplitude A ~ U[0.5, 1], base frequency
 * f₀ = 0.06 + 0.05·⌊c/2⌋ cycles per sample, sweep ±0.04 over the window (up for even c, down for odd c),
 * Gaussian noise n of deviation 0.3, and a distractor tone of random frequency g ~ U[0.02, 0.45] and
 * amplitude a ~ U[0, 0.3]. Values are clipped to [−2, 2] and stored as bytes, so the usual iterators
 * give features in [0, 1] shaped {@code [b, 1, 1, T]} (NCHW) or {@code [b, T]}.
 */
public final class SyntheticChirps {
    /** number of classes */
    public static final int CLASSES = 10;

    private SyntheticChirps() {
    }

    /**
     * @param n      signals, balanced over classes (the class of signal i is i mod 10)
     * @param length samples per signal, {@code >= 32}
     * @param seed   random seed; the same seed gives the same signals
     * @return the signals as single-row images {@code [1, 1, length]}
     */
    public static LabeledImages generate(int n, int length, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + ", expected >= 1");
        }
        if (length < 32) {
            throw new IllegalArgumentException("length = " + length + ", expected >= 32");
        }
        Random r = new Random(seed);
        byte[] px = new byte[n * length];
        int[] labels = new int[n];
        int win = length / 4;
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            labels[i] = c;
            double f0 = 0.06 + 0.05 * (c / 2);
            double sweep = (c % 2 == 0 ? 0.04 : -0.04) / win;
            int onset = r.nextInt(length - win + 1);
            double amp = 0.5 + 0.5 * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            double g = 0.02 + 0.43 * r.nextDouble();
            double ga = 0.3 * r.nextDouble();
            double gPhase = 2 * Math.PI * r.nextDouble();
            for (int t = 0; t < length; t++) {
                double x = 0.3 * r.nextGaussian() + ga * Math.sin(2 * Math.PI * g * t + gPhase);
                int s = t - onset;
                if (s >= 0 && s < win) {
                    double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * s / (win - 1));
                    x += amp * w * Math.sin(2 * Math.PI * (f0 * s + 0.5 * sweep * s * s) + phase);
                }
                double clipped = Math.max(-2, Math.min(2, x));
                px[i * length + t] = (byte) Math.round((clipped + 2) / 4 * 255);
            }
        }
        return new LabeledImages(px, labels, 1, 1, length, CLASSES);
    }
}
