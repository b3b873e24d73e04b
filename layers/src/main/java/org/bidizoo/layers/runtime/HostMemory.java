package org.bidizoo.layers.runtime;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element access to a contiguous float or double array's host memory, for the fused element-wise
 * loops of {@link Fused}: one JIT-compiled Java loop over the memory instead of a chain of libnd4j
 * calls, each with its own JNI call and pass over the data. Two implementations (float, double), so
 * that call sites stay bimorphic and inline.
 */
public abstract class HostMemory {
    /** Whether arrays live in host memory (the CPU backend). */
    public static final boolean AVAILABLE = Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");

    private final long length;

    HostMemory(long length) {
        this.length = length;
    }

    /** @return the number of elements */
    public final long length() {
        return length;
    }

    /** @param i element index @return its value */
    public abstract double get(int i);

    /** @param i element index @param v its new value */
    public abstract void set(int i, double v);

    /**
     * @param a an array
     * @return whether {@link #of} accepts it: float or double, c-order with default strides (or a rank-1
     *         unit-stride view), host memory, under 2^31 elements
     */
    public static boolean supports(INDArray a) {
        if (!AVAILABLE || a.length() >= Integer.MAX_VALUE) {
            return false;
        }
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return false;
        }
        if (a.rank() == 1) {
            return a.stride(0) == 1 || a.length() == 1;
        }
        return a.ordering() == 'c' && defaultStrides(a);
    }

    private static boolean defaultStrides(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    /**
     * @param a a float or double array that {@link #supports}
     * @return access to its elements in c order
     * @throws IllegalArgumentException if it is not supported
     */
    public static HostMemory of(INDArray a) {
        if (!supports(a)) {
            throw new IllegalArgumentException("array of type " + a.dataType() + ", order " + a.ordering() + ", shape "
                    + Arrays.toString(a.shape()) + ", strides " + Arrays.toString(a.stride())
                    + ": expected a contiguous c-order float or double array in host memory");
        }
        int n = (int) a.length();
        int off = (int) a.offset();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer fb = a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            fb.position(off);
            fb = fb.slice();
            fb.limit(n);
            return new Floats(fb, n);
        }
        DoubleBuffer db = a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        db.position(off);
        db = db.slice();
        db.limit(n);
        return new Doubles(db, n);
    }

    private static final class Floats extends HostMemory {
        private final FloatBuffer b;

        Floats(FloatBuffer b, long n) {
            super(n);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }
    }

    private static final class Doubles extends HostMemory {
        private final DoubleBuffer b;

        Doubles(DoubleBuffer b, long n) {
            super(n);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }
    }
}
