package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.bidizoo.layers.transpose.ConvGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NativeTeam} narrows only the calling thread, only inside its scope, restores the team however the scope
 * ends, and widens exactly the products at or above the threshold, without changing their results.
 */
class NativeTeamTest {
    private int before;

    @BeforeEach
    void teamOfTwo() {
        before = NativeThreads.current();
        NativeTeam.setTeam(2);
    }

    @AfterEach
    void restore() {
        NativeTeam.setTeam(before);
    }

    @Test
    void aScopeNarrowsToOneThreadAndRestoresTheTeam() {
        assertEquals(2, NativeThreads.current());
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            assertSame(NativeTeam.Scope.OUTERMOST, team);
            assertEquals(1, NativeThreads.current());
            try (NativeTeam.Scope inner = NativeTeam.narrow()) {
                assertSame(NativeTeam.Scope.NESTED, inner, "a nested scope leaves the team to the outermost");
            }
            assertEquals(1, NativeThreads.current(), "closing the nested scope must not widen the team");
        }
        assertEquals(2, NativeThreads.current());
    }

    @Test
    void theTeamIsRestoredWhenTheScopeEndsWithAnException() {
        assertThrows(IllegalStateException.class, () -> {
            try (NativeTeam.Scope team = NativeTeam.narrow()) {
                throw new IllegalStateException("a failed step");
            }
        });
        assertEquals(2, NativeThreads.current());
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            assertSame(NativeTeam.Scope.OUTERMOST, team, "the failed scope left no state behind");
        }
    }

    @Test
    void aTeamOfOneIsLeftAlone() {
        NativeTeam.setTeam(1);
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            assertSame(NativeTeam.Scope.NESTED, team);
            assertEquals(0, NativeTeam.wideFor(Long.MAX_VALUE), "nothing to widen to");
        }
        assertEquals(1, NativeThreads.current());
    }

    @Test
    void onlyProductsFromTheThresholdOnAreWidenedAndOnlyInsideAScope() {
        long min = NativeTeam.parallelMinMacs();
        assertEquals(NativeTeam.DEFAULT_PARALLEL_MIN_MACS, min, "the tests run with the default threshold");
        assertEquals(0, NativeTeam.wideFor(Long.MAX_VALUE), "outside a scope nothing is widened");
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            assertEquals(2, NativeTeam.wideFor(min));
            assertEquals(0, NativeTeam.wideFor(min - 1));
        }
    }

    @Test
    void anotherThreadKeepsItsOwnTeam() throws Exception {
        int[] seen = new int[1];
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            Thread t = new Thread(() -> {
                NativeTeam.setTeam(2);
                seen[0] = NativeThreads.current();
            });
            t.start();
            t.join();
            assertEquals(1, NativeThreads.current());
        }
        assertEquals(2, seen[0], "narrowing is a setting of the calling thread only");
    }

    @Test
    void aWidenedProductGivesTheSameResultAndNarrowsAgainAfterwards() {
        Nd4j.getRandom().setSeed(11);
        // 400·300·300 = 36 M multiply-adds: above the default threshold
        INDArray a = Nd4j.rand(DataType.FLOAT, 400, 300);
        INDArray b = Nd4j.rand(DataType.FLOAT, 300, 300);
        assertTrue(400L * 300 * 300 >= NativeTeam.parallelMinMacs());
        INDArray expected = a.mmul(b);
        INDArray c = Nd4j.create(DataType.FLOAT, 400, 300);
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            Gemm.gemm(a, b, c, false, false, false);
            assertEquals(1, NativeThreads.current(), "the widened product must narrow the team again");
        }
        assertEquals(0, expected.sub(c).amaxNumber().doubleValue(), 1e-3);
    }

    @Test
    void aWidenedConvolutionGivesTheSameResultAndNarrowsAgainAfterwards() {
        Nd4j.getRandom().setSeed(12);
        // [16,32,28,28] by a 5x5 kernel to 32 maps, padded: 16·32·28·28·(5·5·32) = 321 M multiply-adds
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 32, 28, 28);
        INDArray w = Nd4j.rand(DataType.FLOAT, 5, 5, 32, 32);
        ConvGeometry same = new ConvGeometry(5, 1, 2);
        INDArray expected = ConvKernels.conv(x, w, null, same, same);
        INDArray actual;
        try (NativeTeam.Scope team = NativeTeam.narrow()) {
            actual = ConvKernels.conv(x, w, null, same, same);
            assertEquals(1, NativeThreads.current(), "the widened convolution must narrow the team again");
        }
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-2);
    }
}
