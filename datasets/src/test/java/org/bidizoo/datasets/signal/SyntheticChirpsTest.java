package org.bidizoo.datasets.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SyntheticChirpsTest {
    @Test
    void balancedSeededAndShapedAsOneRowImages() {
        LabeledImages a = SyntheticChirps.generate(40, 128, 3);
        assertEquals(40, a.size());
        assertEquals(1, a.height());
        assertEquals(128, a.width());
        int[] perClass = new int[10];
        for (int i = 0; i < a.size(); i++) {
            perClass[a.label(i)]++;
        }
        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, perClass);
        int[] all = new int[40];
        for (int i = 0; i < 40; i++) {
            all[i] = i;
        }
        INDArray x = a.features(all, FeatureLayout.NCHW);
        assertArrayEquals(new long[] {40, 1, 1, 128}, x.shape());
        assertEquals(x, SyntheticChirps.generate(40, 128, 3).features(all, FeatureLayout.NCHW));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SyntheticChirps.generate(10, 16, 1)).getMessage()
                .contains("length = 16, expected >= 32"));
    }

    @Test
    void eachClassCarriesItsOwnPitch() {
        // the spectral peak above the noise floor sits near the class's base frequency (+- the sweep)
        int len = 256;
        LabeledImages d = SyntheticChirps.generate(200, len, 7);
        for (int c : new int[] {0, 4, 8}) {
            double[] power = new double[len / 2];
            for (int i = c; i < d.size(); i += 10) {
                INDArray x = d.features(new int[] {i}, FeatureLayout.FLAT);
                for (int k = 1; k < len / 2; k++) {
                    double re = 0;
                    double im = 0;
                    for (int t = 0; t < len; t++) {
                        double v = x.getDouble(0, t) - 0.5;
                        re += v * Math.cos(2 * Math.PI * k * t / len);
                        im += v * Math.sin(2 * Math.PI * k * t / len);
                    }
                    power[k] += re * re + im * im;
                }
            }
            int peak = 1;
            for (int k = 1; k < len / 2; k++) {
                if (power[k] > power[peak]) {
                    peak = k;
                }
            }
            double f = (double) peak / len;
            double base = 0.06 + 0.05 * (c / 2);
            assertTrue(Math.abs(f - base) <= 0.05, "class " + c + ": peak " + f + ", base " + base);
        }
    }
}
