package org.bidizoo.zoo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The deep belief network's builder names every bad value (its training is tested in {@code PretrainStepTest}). */
class DbnModelTest {
    private static String message(org.junit.jupiter.api.function.Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("k = 0, expected >= 1 Gibbs steps per update", message(() -> DbnModel.builder().k(0).build()));
        assertEquals("weightDecay = -1.0E-4, expected a finite number >= 0",
                message(() -> DbnModel.builder().weightDecay(-1e-4).build()));
        assertEquals("weightDecay = NaN, expected a finite number >= 0",
                message(() -> DbnModel.builder().weightDecay(Double.NaN).build()));
        assertEquals("momentum = 1.0, expected in [0, 1)", message(() -> DbnModel.builder().momentum(1).build()));
        assertEquals("pretrainIterations = 0, expected >= 1",
                message(() -> DbnModel.builder().pretrainIterations(0).build()));
        assertEquals("hidden = [500, 0], expected one or more positive layer sizes",
                message(() -> DbnModel.builder().hidden(500, 0).build()));
    }
}
