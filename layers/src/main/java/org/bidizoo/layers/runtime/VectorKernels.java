package org.bidizoo.layers.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.BytePointer;

/**
 * {@link FloatKernels}' loops written with JDK 17's incubating Vector API: the same definitions, a whole SIMD register
 * of floats per step (C2 does not vectorize loops over raw addresses by itself; these ran the ReLU forward of a
 * 156,800-float level in 0.067 ms against 0.13 ms for the scalar loop). Only loaded when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher does; see {@link FloatKernels#VECTOR_MODULE}); the scalar
 * loops serve every other JVM and every tail shorter than a register.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorKernels() {
    }

    /**
     * Buffers by address, per thread, direct-mapped (a colliding address replaces the entry): a step's arrays keep
     * their addresses from step to step, and making a buffer costs about half a microsecond. A buffer only ever
     * serves a call that hands in its address, so the memory is live whenever it is used. No boxing, no allocation
     * on a hit.
     */
    private static final class BufferCache {
        private static final int SIZE = 256;
        private final long[] addresses = new long[SIZE];
        private final ByteBuffer[] buffers = new ByteBuffer[SIZE];
    }

    private static final ThreadLocal<BufferCache> BUFFERS = ThreadLocal.withInitial(BufferCache::new);

    /** @return a direct buffer over {@code n} floats at {@code addr} (0: none) */
    private static ByteBuffer floats(long addr, long n) {
        if (addr == 0) {
            return null;
        }
        long bytes = n * Float.BYTES;
        BufferCache cache = BUFFERS.get();
        int slot = (int) ((addr >>> 6) ^ (addr >>> 20)) & (BufferCache.SIZE - 1);
        ByteBuffer b = cache.buffers[slot];
        if (b != null && cache.addresses[slot] == addr && b.capacity() >= bytes) {
            return b;
        }
        b = new BytePointer() {
            {
                address = addr;
            }
        }.capacity(bytes).limit(bytes).asByteBuffer().order(ORDER);
        cache.addresses[slot] = addr;
        cache.buffers[slot] = b;
        return b;
    }

    private static FloatVector load(ByteBuffer b, int i) {
        return FloatVector.fromByteBuffer(S, b, i << 2, ORDER);
    }

    /** @return the number of elements the vector loops cover, a multiple of the register's lanes */
    private static int bound(long n) {
        return S.loopBound((int) n);
    }

    /** {@link FloatKernels#netActivate}, rows of {@code cols} (a row bias is only read when bias is given). */
    static void netActivate(long y, long bias, int cols, long extra, long net, long out, long n, boolean keepY,
                            boolean writeOut, int mode, float alpha) {
        ByteBuffer by = floats(y, n);
        ByteBuffer be = floats(extra, n);
        ByteBuffer bn = floats(net, n);
        ByteBuffer bo = writeOut ? floats(out, n) : null;
        int outMode = writeOut ? mode : -1;
        if (bias == 0) {
            int end = bound(n);
            if (be == null) {
                activate(by, bn, bo, 0, end, outMode, alpha);
            } else {
                activate(by, be, bn, bo, 0, end, outMode, alpha);
            }
            FloatKernels.netActivateScalar(y, 0, (int) n, extra, net, out, end, n, keepY, writeOut, mode, alpha);
            return;
        }
        ByteBuffer bb = floats(bias, cols);
        int end = bound(cols);
        for (long r = 0, rows = n / cols; r < rows; r++) {
            int base = (int) (r * cols);
            activateBiased(by, bb, be, bn, bo, base, end, keepY ? by : null, outMode, alpha);
            FloatKernels.netActivateScalar(y, bias, cols, extra, net, out, base + end, base + cols, keepY, writeOut,
                    mode, alpha);
        }
    }

    // The loops below hold no vector value that two branches merge: C2 of JDK 17 may box a vector at such a merge
    // (an allocation per register), so each case has its own loop and branches only choose what to store.

    /** net = y, out = act(net) over [from, to) */
    private static void activate(ByteBuffer y, ByteBuffer net, ByteBuffer out, int from, int to, int outMode,
                                 float alpha) {
        for (int i = from; i < to; i += S.length()) {
            store(load(y, i), net, out, i, outMode, alpha);
        }
    }

    /** net = y + extra, out = act(net) over [from, to) */
    private static void activate(ByteBuffer y, ByteBuffer extra, ByteBuffer net, ByteBuffer out, int from, int to,
                                 int outMode, float alpha) {
        for (int i = from; i < to; i += S.length()) {
            store(load(y, i).add(load(extra, i)), net, out, i, outMode, alpha);
        }
    }

    /** One row from {@code base}: v = y + bias (into keepY if given), net = v (+ extra), out = act(net). */
    private static void activateBiased(ByteBuffer y, ByteBuffer bias, ByteBuffer extra, ByteBuffer net, ByteBuffer out,
                                       int base, int end, ByteBuffer keepY, int outMode, float alpha) {
        if (extra == null) {
            for (int c = 0; c < end; c += S.length()) {
                FloatVector v = load(y, base + c).add(load(bias, c));
                if (keepY != null) {
                    v.intoByteBuffer(keepY, (base + c) << 2, ORDER);
                }
                store(v, net, out, base + c, outMode, alpha);
            }
            return;
        }
        for (int c = 0; c < end; c += S.length()) {
            FloatVector v = load(y, base + c).add(load(bias, c));
            if (keepY != null) {
                v.intoByteBuffer(keepY, (base + c) << 2, ORDER);
            }
            store(v.add(load(extra, base + c)), net, out, base + c, outMode, alpha);
        }
    }

    /** net[i..] = v; out[i..] = ReLU(v) (1), leaky ReLU (2), v (0), nothing (-1) */
    private static void store(FloatVector v, ByteBuffer net, ByteBuffer out, int i, int outMode, float alpha) {
        v.intoByteBuffer(net, i << 2, ORDER);
        if (outMode == 1) {
            v.max(0f).intoByteBuffer(out, i << 2, ORDER);
        } else if (outMode == 2) {
            v.max(v.mul(alpha)).intoByteBuffer(out, i << 2, ORDER);
        } else if (outMode == 0) {
            v.intoByteBuffer(out, i << 2, ORDER);
        }
    }

    /** {@link FloatKernels#reluBackward} */
    static void reluBackward(long pre, long src, long dst, long n, float alpha) {
        ByteBuffer bp = floats(pre, n);
        ByteBuffer bs = floats(src, n);
        ByteBuffer bd = floats(dst, n);
        int end = bound(n);
        if (alpha == 0f) {
            FloatVector zero = FloatVector.zero(S);
            for (int i = 0; i < end; i += S.length()) {
                VectorMask<Float> positive = load(bp, i).compare(VectorOperators.GT, 0f);
                zero.blend(load(bs, i), positive).intoByteBuffer(bd, i << 2, ORDER);
            }
        } else {
            FloatVector slope = FloatVector.broadcast(S, alpha);
            for (int i = 0; i < end; i += S.length()) {
                VectorMask<Float> positive = load(bp, i).compare(VectorOperators.GT, 0f);
                load(bs, i).mul(slope.blend(1f, positive)).intoByteBuffer(bd, i << 2, ORDER);
            }
        }
        FloatKernels.reluBackwardScalar(pre, src, dst, end, n, alpha);
    }

    /** {@link FloatKernels#sigmoid}: the same operations as {@link FloatKernels#exp}, lane by lane */
    static void sigmoid(long a, long n) {
        ByteBuffer b = floats(a, n);
        int end = bound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector ln2Hi = FloatVector.broadcast(S, -FloatKernels.LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(S, -FloatKernels.LN2_LO);
        FloatVector p2 = FloatVector.broadcast(S, FloatKernels.P2);
        FloatVector p3 = FloatVector.broadcast(S, FloatKernels.P3);
        FloatVector p4 = FloatVector.broadcast(S, FloatKernels.P4);
        FloatVector p5 = FloatVector.broadcast(S, FloatKernels.P5);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector x = load(b, i).neg().max(FloatKernels.EXP_LO).min(FloatKernels.EXP_HI);
            FloatVector t = x.fma(FloatKernels.LOG2E, FloatKernels.ROUND);
            FloatVector k = t.sub(FloatKernels.ROUND);
            FloatVector r = k.fma(ln2Hi, x);
            r = k.fma(ln2Lo, r);
            FloatVector p = r.fma(FloatKernels.P0, FloatKernels.P1);
            p = p.fma(r, p2);
            p = p.fma(r, p3);
            p = p.fma(r, p4);
            p = p.fma(r, p5);
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            FloatVector scale = ((IntVector) t.reinterpretAsInts()).sub(FloatKernels.EXP_BITS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            one.div(y.mul(scale).add(1f)).intoByteBuffer(b, i << 2, ORDER);
        }
        FloatKernels.sigmoidScalar(a, end, n);
    }

    /** {@link FloatKernels#adam} */
    static void adam(long g, long m, long v, long n, float b1, float b2, float c1, float c2, float alpha, float eps) {
        ByteBuffer bg = floats(g, n);
        ByteBuffer bm = floats(m, n);
        ByteBuffer bv = floats(v, n);
        int end = bound(n);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector gi = load(bg, i);
            FloatVector mi = load(bm, i).mul(b1).add(gi.mul(c1));
            FloatVector vi = load(bv, i).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoByteBuffer(bm, i << 2, ORDER);
            vi.intoByteBuffer(bv, i << 2, ORDER);
            mi.mul(alpha).div(vi.lanewise(VectorOperators.SQRT).add(eps)).intoByteBuffer(bg, i << 2, ORDER);
        }
        FloatKernels.adamScalar(g, m, v, end, n, b1, b2, c1, c2, alpha, eps);
    }

    /** {@link FloatKernels#maskedKeep} */
    static void maskedKeep(long pre, long out, long mask, long n, float lo, float hi) {
        ByteBuffer bp = floats(pre, n);
        ByteBuffer bo = floats(out, n);
        ByteBuffer bm = floats(mask, n);
        int end = bound(n);
        FloatVector low = FloatVector.broadcast(S, lo);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector p = load(bp, i);
            FloatVector m = low.blend(hi, p.compare(VectorOperators.GT, 0f));
            m.intoByteBuffer(bm, i << 2, ORDER);
            p.mul(m).intoByteBuffer(bo, i << 2, ORDER);
        }
        FloatKernels.maskedKeepScalar(pre, out, mask, end, n, lo, hi);
    }

    /** {@link FloatKernels#multiply} */
    static void multiply(long a, long b, long dst, long n) {
        ByteBuffer ba = floats(a, n);
        ByteBuffer bb = floats(b, n);
        ByteBuffer bd = floats(dst, n);
        int end = bound(n);
        for (int i = 0; i < end; i += S.length()) {
            load(ba, i).mul(load(bb, i)).intoByteBuffer(bd, i << 2, ORDER);
        }
        FloatKernels.multiplyScalar(a, b, dst, end, n);
    }

    /** {@link FloatKernels#finiteBits} over all n elements */
    static int finiteBits(long address, long n) {
        ByteBuffer b = floats(address, n);
        int end = bound(n);
        IntVector acc = (IntVector) FloatVector.zero(S).reinterpretAsInts();
        for (int i = 0; i < end; i += S.length()) {
            acc = acc.or(((IntVector) load(b, i).reinterpretAsInts()).and(0x7F800000).add(0x00800000));
        }
        return acc.reduceLanes(VectorOperators.OR) | FloatKernels.finiteBits(address, end, n);
    }

    /** {@link FloatKernels#sigmoidBackward} */
    static void sigmoidBackward(long out, long src, long dst, long n) {
        ByteBuffer bo = floats(out, n);
        ByteBuffer bs = floats(src, n);
        ByteBuffer bd = floats(dst, n);
        int end = bound(n);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector o = load(bo, i);
            load(bs, i).mul(o).mul(o.neg().add(1f)).intoByteBuffer(bd, i << 2, ORDER);
        }
        FloatKernels.sigmoidBackwardScalar(out, src, dst, end, n);
    }

    /** {@link FloatKernels#addInto} */
    static void addInto(long dst, long src, long n) {
        ByteBuffer bd = floats(dst, n);
        ByteBuffer bs = floats(src, n);
        int end = bound(n);
        for (int i = 0; i < end; i += S.length()) {
            load(bd, i).add(load(bs, i)).intoByteBuffer(bd, i << 2, ORDER);
        }
        FloatKernels.addIntoScalar(dst, src, end, n);
    }

    /** {@link FloatKernels#addChannelBias}: planes of at least a register's lanes run vectorized */
    static void addChannelBias(long a, long bias, int channels, int plane, long n) {
        ByteBuffer ba = floats(a, n);
        int end = bound(plane);
        for (long i = 0, c = 0; i < n; i += plane, c = c + 1 == channels ? 0 : c + 1) {
            float b = FloatKernels.get(bias, c);
            int base = (int) i;
            for (int j = base; j < base + end; j += S.length()) {
                load(ba, j).add(b).intoByteBuffer(ba, j << 2, ORDER);
            }
            FloatKernels.addScalar(a, b, base + end, base + plane);
        }
    }

    /** @return the register's lanes (a call that also loads the incubating module's classes) */
    static int lanes() {
        return S.length();
    }
}
