package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntropyRampTest {
    @Test
    void risesLinearlyFromZeroThenStaysAtOne() {
        EntropyRamp r = new EntropyRamp(4);
        assertEquals(0.0, r.factor(0));
        assertEquals(0.25, r.factor(1));
        assertEquals(0.75, r.factor(3));
        assertEquals(1.0, r.factor(4));
        assertEquals(1.0, r.factor(1000));
        assertEquals(1.0, EntropyRamp.NONE.factor(0), "no ramp: Eq. 10's weight from the first minibatch");
    }

    @Test
    void badArgumentsAreReported() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EntropyRamp(-3)).getMessage()
                .contains("entropy ramp iterations = -3, expected >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EntropyRamp(2).factor(-1)).getMessage()
                .contains("minibatch = -1, expected >= 0"));
    }
}
