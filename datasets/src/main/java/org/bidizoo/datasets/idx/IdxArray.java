package org.bidizoo.datasets.idx;

import java.util.Arrays;

/**
 * The content of one IDX file of unsigned bytes: its dimensions and its data in row-major order.
 *
 * <p>For MNIST images the dimensions are {@code [count, 28, 28]}; for labels {@code [count]}.
 */
public final class IdxArray {
    private final int[] dims;
    private final byte[] data;

    /**
     * @param dims dimensions, outermost first
     * @param data row-major unsigned bytes, {@code product(dims)} of them
     */
    public IdxArray(int[] dims, byte[] data) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " bytes but dims "
                    + Arrays.toString(dims) + " need " + n);
        }
        this.dims = dims.clone();
        this.data = data;
    }

    /** @return the dimensions, outermost first (a copy) */
    public int[] dims() {
        return dims.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /** @return the outermost dimension: the number of items */
    public int count() {
        return dims[0];
    }

    /** @return the number of bytes of one item (product of all but the first dimension) */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** @return the raw unsigned bytes (not copied: treat as read-only) */
    public byte[] data() {
        return data;
    }
}
