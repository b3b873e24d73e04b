package org.bidizoo.layers.runtime;

import org.slf4j.LoggerFactory;
import sun.misc.Unsafe;

/**
 * The float32 loops of {@link Fused}, on raw addresses: no virtual call, no widening to double and no branch on a
 * pre-activation's sign per element, so C2 unrolls them and keeps them in registers. A branch such as
 * {@code v > 0 ? v : 0} mispredicts half the time on real activations and cost about 6 ns per element here; the same
 * loop with {@code Math.max} and a sign mask takes under 1 ns. Same definitions as {@link Fused}'s loops, which
 * serve doubles (and are the tested reference for these).
 */
final class FloatKernels {
    private static final Unsafe U = HostMemory.UNSAFE;
    /** The JDK module of the Vector API; its loops ({@link VectorKernels}) run only when the JVM was given it. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Arrays shorter than this run the scalar loops: a vector loop's set-up costs more than it saves. */
    private static final long VECTOR_MIN = 256;
    private static volatile boolean vector = vectorAvailable();

    static {
        if (!vector) {
            LoggerFactory.getLogger(FloatKernels.class).info("bidizoo's element-wise loops, the sigmoid and FastAdam "
                    + "run scalar in this JVM: start it with --add-modules {} for the vector loops (README, \"Speed in "
                    + "your own application\"; ./bidizoo adds it)", VECTOR_MODULE);
        }
    }

    private FloatKernels() {
    }

    private static boolean vectorAvailable() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.lanes() > 1;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** @return whether the Vector API's loops are in use (the JVM has {@code --add-modules jdk.incubator.vector}) */
    static boolean vectorized() {
        return vector;
    }

    /**
     * Tests run both loops: turns the Vector API's off, or back on where the JVM has its module.
     *
     * @return the previous setting
     */
    static boolean useVector(boolean on) {
        boolean was = vector;
        vector = on && vectorAvailable();
        return was;
    }

    private static boolean vector(long n) {
        return n >= VECTOR_MIN && vector;
    }

    static float get(long address, long i) {
        return U.getFloat(null, address + (i << 2));
    }

    static void set(long address, long i, float v) {
        U.putFloat(null, address + (i << 2), v);
    }

    /**
     * All bits set where p > 0 (a positive float's bits are a positive int), else none; integer arithmetic only, no
     * branch ({@code Math.signum} is not an intrinsic in JDK 17 and took ten times longer here).
     */
    private static int positiveMask(float p) {
        return (int) ~(((long) Float.floatToRawIntBits(p) - 1) >> 63);
    }

    /**
     * {@link Fused#netActivate} on floats: v = y + bias[c] (kept in y if keepY), net = v + extra, out = a(net) for
     * mode 1 (ReLU), 2 (leaky ReLU), else out = net. Addresses of 0 mean absent.
     */
    static void netActivate(long y, long bias, int cols, long extra, long net, long out, long n, boolean keepY,
                            boolean writeOut, int mode, float alpha) {
        if (vector(n)) {
            VectorKernels.netActivate(y, bias, cols, extra, net, out, n, keepY, writeOut, mode, alpha);
            return;
        }
        int row = bias == 0 ? (int) n : cols; // without a row bias, the whole array is one row
        for (long base = 0; base < n; base += row) {
            netActivateScalar(y, bias, row, extra, net, out, base, base + row, keepY, writeOut, mode, alpha);
        }
    }

    /**
     * {@link #netActivate} over elements [from, to) of one row that starts at {@code to - cols} (bias == 0: any range).
     */
    static void netActivateScalar(long y, long bias, int cols, long extra, long net, long out, long from, long to,
                                  boolean keepY, boolean writeOut, int mode, float alpha) {
        long rowStart = to - cols;
        for (long i = from; i < to; i++) {
            float v = get(y, i);
            if (bias != 0) {
                v += get(bias, i - rowStart);
                if (keepY) {
                    set(y, i, v);
                }
            }
            if (extra != 0) {
                v += get(extra, i);
            }
            set(net, i, v);
            if (writeOut) {
                set(out, i, mode == 1 ? Math.max(v, 0f) : mode == 2 ? Math.max(v, alpha * v) : v);
            }
        }
    }

    /** dst = src · ReLU'(pre), 0 at pre = 0 (leaky: slope alpha where pre <= 0) */
    static void reluBackward(long pre, long src, long dst, long n, float alpha) {
        if (vector(n)) {
            VectorKernels.reluBackward(pre, src, dst, n, alpha);
        } else {
            reluBackwardScalar(pre, src, dst, 0, n, alpha);
        }
    }

    /** {@link #reluBackward} over elements [from, to) */
    static void reluBackwardScalar(long pre, long src, long dst, long from, long to, float alpha) {
        if (alpha == 0f) {
            for (long i = from; i < to; i++) {
                set(dst, i, Float.intBitsToFloat(Float.floatToRawIntBits(get(src, i)) & positiveMask(get(pre, i))));
            }
        } else {
            int one = Float.floatToRawIntBits(1f);
            for (long i = from; i < to; i++) {
                float m = Float.intBitsToFloat(one & positiveMask(get(pre, i)));
                set(dst, i, get(src, i) * (alpha + (1 - alpha) * m));
            }
        }
    }

    /** dst = src · o (1 − o) */
    static void sigmoidBackward(long out, long src, long dst, long n) {
        if (vector(n)) {
            VectorKernels.sigmoidBackward(out, src, dst, n);
        } else {
            sigmoidBackwardScalar(out, src, dst, 0, n);
        }
    }

    /** {@link #sigmoidBackward} over elements [from, to) */
    static void sigmoidBackwardScalar(long out, long src, long dst, long from, long to) {
        for (long i = from; i < to; i++) {
            float o = get(out, i);
            set(dst, i, get(src, i) * o * (1 - o));
        }
    }

    /*
     * e^x for the sigmoid, from exact IEEE operations only (fma, add, mul, bit shifts), so the scalar loop, the vector
     * loop and every JIT tier give the same bits (the JDK's own vector exponential is a C2 intrinsic whose fallback in
     * the interpreter and C1 differs in the last bits). Cody-Waite reduction x = k ln 2 + r, |r| <= ln2/2, a degree-7
     * polynomial for e^r (Cephes' expf coefficients, about 1 ulp) and 2^k from k's bits. x is clamped to
     * [EXP_LO, EXP_HI] so 2^k stays a normal float; NaN stays NaN.
     */
    static final float EXP_LO = -87f;
    static final float EXP_HI = 88f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 · 2^23: adding it rounds a float below 2^22 to an integer held in the low mantissa bits */
    static final float ROUND = 12582912f;
    /** ROUND's bits minus the exponent bias: (bits(k + ROUND) − EXP_BITS) << 23 are the bits of 2^k */
    static final int EXP_BITS = Float.floatToRawIntBits(ROUND) - 127;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    /** @return e^x to about one ulp for x in [EXP_LO, EXP_HI], e^EXP_LO / e^EXP_HI beyond; the vector loop's twin */
    static float exp(float x) {
        if (x < EXP_LO) { // branches, not Math.min/max: predicted, they cost nothing; NaN passes as the vector's max/min
            x = EXP_LO;
        } else if (x > EXP_HI) {
            x = EXP_HI;
        }
        float t = Math.fma(x, LOG2E, ROUND);
        float k = t - ROUND;
        float r = Math.fma(k, -LN2_HI, x);
        r = Math.fma(k, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat((Float.floatToRawIntBits(t) - EXP_BITS) << 23);
    }

    /**
     * a = 1 / (1 + e^−a) in place, on {@link #exp} (bit for bit the same in the scalar and the vector loops; within a
     * few ulps of libnd4j's sigmoid; an input below −88 gives e^88's 6e−39 where the exact value is smaller).
     */
    static void sigmoid(long a, long n) {
        if (vector(n)) {
            VectorKernels.sigmoid(a, n);
        } else {
            sigmoidScalar(a, 0, n);
        }
    }

    /** {@link #sigmoid} over elements [from, to) */
    static void sigmoidScalar(long a, long from, long to) {
        for (long i = from; i < to; i++) {
            set(a, i, 1f / (1f + exp(-get(a, i))));
        }
    }

    /**
     * One Adam step over n floats in place: m = b1·m + c1·g, v = b2·v + c2·g·g, g = alpha·m / (√v + eps), with
     * exactly these roundings (no fma; the square root correctly rounded) in the scalar and the vector loop.
     */
    static void adam(long g, long m, long v, long n, float b1, float b2, float c1, float c2, float alpha, float eps) {
        if (vector(n)) {
            VectorKernels.adam(g, m, v, n, b1, b2, c1, c2, alpha, eps);
        } else {
            adamScalar(g, m, v, 0, n, b1, b2, c1, c2, alpha, eps);
        }
    }

    /** Heap chunks of {@link #adamScalar}, per thread. */
    private static final int CHUNK = 4096;
    private static final ThreadLocal<float[][]> ADAM_CHUNKS = ThreadLocal.withInitial(() -> new float[3][CHUNK]);

    /**
     * {@link #adam} over elements [from, to), through per-thread heap chunks: C2 vectorizes the loop over Java arrays
     * (0.6 ms for 532,000 floats here, copies included) but not over raw addresses (1.3 ms).
     */
    static void adamScalar(long g, long m, long v, long from, long to, float b1, float b2, float c1, float c2,
                           float alpha, float eps) {
        float[][] chunks = ADAM_CHUNKS.get();
        float[] gg = chunks[0];
        float[] mm = chunks[1];
        float[] vv = chunks[2];
        for (long start = from; start < to; start += CHUNK) {
            int len = (int) Math.min(CHUNK, to - start);
            long bytes = (long) len << 2;
            long at = start << 2;
            U.copyMemory(null, g + at, gg, Unsafe.ARRAY_FLOAT_BASE_OFFSET, bytes);
            U.copyMemory(null, m + at, mm, Unsafe.ARRAY_FLOAT_BASE_OFFSET, bytes);
            U.copyMemory(null, v + at, vv, Unsafe.ARRAY_FLOAT_BASE_OFFSET, bytes);
            for (int i = 0; i < len; i++) {
                float gi = gg[i];
                float mi = b1 * mm[i] + c1 * gi;
                float vi = b2 * vv[i] + c2 * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                gg[i] = alpha * mi / ((float) Math.sqrt(vi) + eps);
            }
            U.copyMemory(gg, Unsafe.ARRAY_FLOAT_BASE_OFFSET, null, g + at, bytes);
            U.copyMemory(mm, Unsafe.ARRAY_FLOAT_BASE_OFFSET, null, m + at, bytes);
            U.copyMemory(vv, Unsafe.ARRAY_FLOAT_BASE_OFFSET, null, v + at, bytes);
        }
    }

    /** mask = pre > 0 ? hi : lo, out = pre · mask (a piecewise-linear activation with its slope) */
    static void maskedKeep(long pre, long out, long mask, long n, float lo, float hi) {
        if (vector(n)) {
            VectorKernels.maskedKeep(pre, out, mask, n, lo, hi);
        } else {
            maskedKeepScalar(pre, out, mask, 0, n, lo, hi);
        }
    }

    /** {@link #maskedKeep} over elements [from, to) */
    static void maskedKeepScalar(long pre, long out, long mask, long from, long to, float lo, float hi) {
        for (long i = from; i < to; i++) {
            float p = get(pre, i);
            float m = p > 0 ? hi : lo;
            set(mask, i, m);
            set(out, i, p * m);
        }
    }

    /** dst = a · b */
    static void multiply(long a, long b, long dst, long n) {
        if (vector(n)) {
            VectorKernels.multiply(a, b, dst, n);
        } else {
            multiplyScalar(a, b, dst, 0, n);
        }
    }

    /** {@link #multiply} over elements [from, to) */
    static void multiplyScalar(long a, long b, long dst, long from, long to) {
        for (long i = from; i < to; i++) {
            set(dst, i, get(a, i) * get(b, i));
        }
    }

    /** dst = src · (1 − o²) */
    static void tanhBackward(long out, long src, long dst, long n) {
        for (long i = 0; i < n; i++) {
            float o = get(out, i);
            set(dst, i, get(src, i) * (1 - o * o));
        }
    }

    /** dst += src */
    static void addInto(long dst, long src, long n) {
        if (vector(n)) {
            VectorKernels.addInto(dst, src, n);
        } else {
            addIntoScalar(dst, src, 0, n);
        }
    }

    /** {@link #addInto} over elements [from, to) */
    static void addIntoScalar(long dst, long src, long from, long to) {
        for (long i = from; i < to; i++) {
            set(dst, i, get(dst, i) + get(src, i));
        }
    }

    /** a[b, c, :, :] += bias[c] over planes of {@code plane} elements */
    static void addChannelBias(long a, long bias, int channels, int plane, long n) {
        if (vector(n) && VectorKernels.lanes() <= plane) {
            VectorKernels.addChannelBias(a, bias, channels, plane, n);
            return;
        }
        for (long i = 0, c = 0; i < n; i += plane, c = c + 1 == channels ? 0 : c + 1) {
            addScalar(a, get(bias, c), i, i + plane);
        }
    }

    /** a[i] += b over elements [from, to) */
    static void addScalar(long a, float b, long from, long to) {
        for (long j = from; j < to; j++) {
            set(a, j, get(a, j) + b);
        }
    }

    /** acc[c] += Σ over each plane of channel c (acc in double, as the reference) */
    static void channelSums(long src, int channels, int plane, long n, double[] acc) {
        for (long i = 0, c = 0; i < n; i += plane, c = c + 1 == channels ? 0 : c + 1) {
            double sum = 0;
            for (long j = i, end = i + plane; j < end; j++) {
                sum += get(src, j);
            }
            acc[(int) c] += sum;
        }
    }

    /** acc[c] += Σ_r src[r, c] */
    static void columnSums(long src, int cols, long rows, double[] acc) {
        for (long r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                acc[c] += get(src, i);
            }
        }
    }

    /**
     * @return whether all n floats are finite, with no branch and no floating-point dependency chain: an exponent of
     *         all ones (NaN, infinity) plus one exponent step sets the sign bit, which an OR over all elements keeps
     */
    static boolean allFinite(long address, long n) {
        return (vector(n) ? VectorKernels.finiteBits(address, n) : finiteBits(address, 0, n)) >= 0;
    }

    /** The OR of (exponent bits + one exponent step) over elements [from, to): negative iff one is NaN or infinite. */
    static int finiteBits(long address, long from, long to) {
        int acc = 0;
        for (long i = from; i < to; i++) {
            acc |= (Float.floatToRawIntBits(get(address, i)) & 0x7F800000) + 0x00800000;
        }
        return acc;
    }
}
