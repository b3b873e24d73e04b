package org.bidizoo.layers.runtime;

/**
 * Run as its own JVM by {@link SigmoidTest}: prints one line, {@code vectorized hashOfVectorLoop hashOfScalarLoop},
 * the two hashes over the bits of {@link FloatKernels#sigmoid} on {@link #inputs()}. The test starts it with
 * {@code -Xint} (every operation interpreted, the Vector API on its Java fallback) and compares with the same hashes
 * computed by compiled code in the test JVM.
 */
public final class SigmoidBits {
    private SigmoidBits() {
    }

    public static void main(String[] args) {
        boolean vector = FloatKernels.vectorized();
        System.out.println(vector + " " + hash(true) + " " + hash(false));
    }

    /** @return a hash of the sigmoid's bits over {@link #inputs()}, on the vector loop or on the scalar one */
    static long hash(boolean vector) {
        float[] in = inputs();
        long a = HostMemory.UNSAFE.allocateMemory((long) in.length * Float.BYTES);
        boolean was = FloatKernels.useVector(vector);
        try {
            for (int i = 0; i < in.length; i++) {
                FloatKernels.set(a, i, in[i]);
            }
            FloatKernels.sigmoid(a, in.length);
            long h = 17;
            for (int i = 0; i < in.length; i++) {
                h = h * 1_000_003 + Float.floatToRawIntBits(FloatKernels.get(a, i));
            }
            return h;
        } finally {
            FloatKernels.useVector(was);
            HostMemory.UNSAFE.freeMemory(a);
        }
    }

    /** @return 40,000 inputs from −110 to 110 with the special values (±0, denormals, ±∞, NaN, extremes) */
    static float[] inputs() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 87f, -87f, 88f, -88f, 88.5f, -88.5f};
        float[] in = new float[40_003];
        for (int i = 0; i < in.length; i++) {
            in[i] = -110f + 220f * i / in.length;
        }
        for (int i = 0; i < special.length; i++) {
            in[i * 2_351] = special[i];
        }
        return in;
    }
}
