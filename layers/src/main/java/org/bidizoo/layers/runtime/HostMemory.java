package org.bidizoo.layers.runtime;

import java.lang.reflect.Field;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import sun.misc.Unsafe;

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
    /** the address of element 0; read directly by the subclasses' accessors */
    final long address;

    HostMemory(long length, long address) {
        this.length = length;
        this.address = address;
    }

    /** @return the address of element 0 */
    final long address() {
        return address;
    }

    /** @return whether the elements are floats (else doubles) */
    abstract boolean isFloat();

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
     * @return whether {@link #of} accepts it: float or double, contiguous with c-order strides (size-1
     *         dimensions aside), host memory, under 2^31 elements
     */
    public static boolean supports(INDArray a) {
        if (!AVAILABLE || a.length() >= Integer.MAX_VALUE) {
            return false;
        }
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return false;
        }
        return defaultStrides(a); // c-order strides, whatever the order flag says (it is arbitrary for vectors)
    }

    /**
     * @param a an array
     * @return whether it is a float array {@link #of} accepts: what the runtime's float loops run on
     */
    public static boolean supportsFloats(INDArray a) {
        return a.dataType() == DataType.FLOAT && supports(a);
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
        long n = a.length();
        long address = address(a);
        return a.dataType() == DataType.FLOAT ? new Floats(address, n) : new Doubles(address, n);
    }

    /**
     * @param a a float or double array in host memory
     * @return the address of its first element
     * @throws IllegalArgumentException if it has no host memory
     */
    static long address(INDArray a) {
        int size = a.dataType() == DataType.FLOAT ? Float.BYTES : Double.BYTES;
        // addressPointer() already points at the data buffer's own offset; a view may start further in
        long address = a.data().addressPointer().address() + (a.offset() - a.data().offset()) * size;
        if (address == 0) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(a.shape()) + " has no host memory");
        }
        return address;
    }

    /** Unsafe's unchecked loads and stores: the NIO buffers' per-element checks cost more than the arithmetic. */
    static final Unsafe UNSAFE = unsafe();

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not accessible", e);
        }
    }

    // Indices are not checked per element: every loop in Fused runs over [0, length()) of arrays it has
    // checked to have equal lengths.
    private static final class Floats extends HostMemory {
        Floats(long address, long n) {
            super(n, address);
        }

        @Override
        boolean isFloat() {
            return true;
        }

        @Override
        public double get(int i) {
            return UNSAFE.getFloat(address + ((long) i << 2));
        }

        @Override
        public void set(int i, double v) {
            UNSAFE.putFloat(address + ((long) i << 2), (float) v);
        }
    }

    private static final class Doubles extends HostMemory {
        Doubles(long address, long n) {
            super(n, address);
        }

        @Override
        boolean isFloat() {
            return false;
        }

        @Override
        public double get(int i) {
            return UNSAFE.getDouble(address + ((long) i << 3));
        }

        @Override
        public void set(int i, double v) {
            UNSAFE.putDouble(address + ((long) i << 3), v);
        }
    }
}
