package org.bidizoo.datasets.corrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CorruptionTest {
    private static INDArray batch() {
        return Nd4j.rand(DataType.FLOAT, 4, 28 * 28).addi(0.01).muli(0.9);
    }

    @Test
    void lowerHalfOcclusionZeroesExactlyTheBox() {
        INDArray x = batch();
        INDArray before = x.dup();
        Corrupted c = Occlusion.lowerHalf28().apply(x, 1);
        assertEquals(before, x, "clean input untouched");
        assertEquals(4 * 14 * 28, c.mask().sumNumber().intValue());
        INDArray img = c.input().reshape(4, 28, 28);
        INDArray m = c.mask().reshape(4, 28, 28);
        assertEquals(0.0, img.getDouble(2, 20, 5));
        assertEquals(1.0, m.getDouble(2, 20, 5));
        assertEquals(x.reshape(4, 28, 28).getDouble(2, 3, 5), img.getDouble(2, 3, 5));
        assertEquals(0.0, m.getDouble(2, 3, 5));
        INDArray recon = c.input();
        double expected = x.mul(c.mask()).norm2Number().doubleValue();
        assertEquals(expected * expected / (4 * 14 * 28), c.maskedMse(recon, x), 1e-5);
        assertEquals(0.0, c.maskedMse(x, x));
    }

    @Test
    void randomOcclusionIsSeededAndFitsNchw() {
        Occlusion o = new Occlusion(1, 28, 28, 10, 10, -1, -1, 0f);
        INDArray x = batch().reshape(4, 1, 28, 28);
        Corrupted a = o.apply(x, 5);
        Corrupted b = o.apply(x, 5);
        assertEquals(a.mask(), b.mask());
        assertEquals(4 * 100, a.mask().sumNumber().intValue());
        assertEquals(4, a.input().rank());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Occlusion(1, 28, 28, 10, 10, 20, 0, 0f));
        assertTrue(e.getMessage().contains("does not fit the 28x28 image"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> o.apply(Nd4j.zeros(DataType.FLOAT, 2, 100), 1));
        assertTrue(e.getMessage().contains("is not a minibatch of 1x28x28 images"), e.getMessage());
    }

    @Test
    void noiseCorruptionsMarkWhatTheyChange() {
        INDArray x = batch();
        Corrupted g = new GaussianNoise(0.2, true).apply(x, 1);
        assertEquals(x.length(), g.mask().sumNumber().longValue());
        assertTrue(g.input().minNumber().doubleValue() >= 0 && g.input().maxNumber().doubleValue() <= 1);
        assertTrue(g.maskedMse(g.input(), x) > 0.01);

        Corrupted sp = new SaltAndPepper(0.3).apply(x, 1);
        double frac = sp.mask().sumNumber().doubleValue() / x.length();
        assertEquals(0.3, frac, 0.03);
        INDArray changed = sp.input().mul(sp.mask());
        INDArray ones = changed.eq(1.0).castTo(DataType.FLOAT);
        assertEquals(sp.mask().sumNumber().doubleValue(),
                ones.sumNumber().doubleValue() + changed.eq(0.0).castTo(DataType.FLOAT).mul(sp.mask()).sumNumber()
                        .doubleValue(), 1e-6);

        Corrupted mn = new MaskingNoise(0.25).apply(x, 2);
        assertEquals(0.25, mn.mask().sumNumber().doubleValue() / x.length(), 0.03);
        assertEquals(0.0, mn.input().mul(mn.mask()).sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> new MaskingNoise(1.5));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-1, true));
    }
}
