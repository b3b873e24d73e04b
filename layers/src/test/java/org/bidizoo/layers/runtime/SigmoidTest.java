package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float sigmoid of the fused loops ({@link FloatKernels#sigmoid}): its exponential is within 2 ulps of
 * {@link Math#exp}, the sigmoid within a few ulps of libnd4j's, and — what a resumed run needs to equal an
 * uninterrupted one — the same bits in the scalar and the vector loop and in every JIT tier (an interpreted JVM
 * against this one's compiled code).
 */
class SigmoidTest {

    @Test
    void exponentialIsWithinTwoUlpsOfMathExp() {
        int worst = 0;
        for (float x = FloatKernels.EXP_LO; x <= FloatKernels.EXP_HI; x += 0.000731f) {
            float want = (float) Math.exp(x);
            int ulps = Math.abs(Float.floatToRawIntBits(FloatKernels.exp(x)) - Float.floatToRawIntBits(want));
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulps");
        assertEquals((float) Math.exp(FloatKernels.EXP_HI), FloatKernels.exp(1000f), Math.ulp((float) Math.exp(88)) * 2);
        assertEquals((float) Math.exp(FloatKernels.EXP_LO), FloatKernels.exp(-1000f), Math.ulp((float) Math.exp(-87)) * 2);
        assertTrue(Float.isNaN(FloatKernels.exp(Float.NaN)));
    }

    @Test
    void sigmoidAgreesWithLibnd4js() {
        float[] in = SigmoidBits.inputs();
        INDArray ours = Nd4j.createFromArray(in);
        INDArray theirs = Transforms.sigmoid(ours.dup(), false);
        FloatKernels.sigmoid(HostMemory.address(ours), in.length);
        for (int i = 0; i < in.length; i++) {
            float a = ours.getFloat(i);
            float b = theirs.getFloat(i);
            if (Float.isNaN(in[i])) {
                assertTrue(Float.isNaN(a), "sigmoid(NaN)");
                continue;
            }
            assertEquals(b, a, Math.max(4 * Math.ulp(b), 1e-38f), "sigmoid(" + in[i] + ")");
        }
    }

    @Test
    void sameBitsInTheVectorAndTheScalarLoop() {
        assertEquals(SigmoidBits.hash(false), SigmoidBits.hash(true));
    }

    @Test
    void sameBitsInAnInterpretedJvm() throws Exception {
        for (int i = 0; i < 300; i++) { // C2 compiles both loops
            SigmoidBits.hash(i % 2 == 0);
        }
        String expected = FloatKernels.vectorized() + " " + SigmoidBits.hash(true) + " " + SigmoidBits.hash(false);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xint", "--add-modules", FloatKernels.VECTOR_MODULE,
                "-cp", System.getProperty("java.class.path"), SigmoidBits.class.getName()))
                .redirectErrorStream(false).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the interpreted JVM did not finish in 2 minutes");
        assertEquals(0, p.exitValue(), "the interpreted JVM failed: " + new String(p.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8));
        assertEquals(expected, line, "vectorized, vector-loop hash, scalar-loop hash: interpreted vs compiled");
    }
}
