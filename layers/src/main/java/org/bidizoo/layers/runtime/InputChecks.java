package org.bidizoo.layers.runtime;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every bidizoo layer checks of its input before any kernel sees it, so a mistake is named here and not deep
 * inside ND4J: a minibatch with rows, of the network's data type, with no NaN or infinite value (a NaN row would
 * turn every parameter NaN at the next {@code fit}). The finiteness check is one Java loop over a float input's
 * memory (one reduction otherwise); rows are searched only when it fails.
 */
public final class InputChecks {
    private InputChecks() {
    }

    /** @return whether every element is finite (floats: one pass over the exponent bits; else a sum of x · 0) */
    private static boolean finite(INDArray input) {
        if (HostMemory.supportsFloats(input)) {
            return FloatKernels.allFinite(HostMemory.address(input), input.length());
        }
        return Double.isFinite(input.mul(0.0).sumNumber().doubleValue());
    }

    /**
     * @param layer    the layer's name, for the message
     * @param input    {@code [b, ...]}
     * @param expected the network's data type
     * @throws IllegalArgumentException naming the layer, what is wrong and what was expected
     */
    public static void requireUsable(String layer, INDArray input, DataType expected) {
        if (input.rank() == 0 || input.size(0) < 1) {
            throw new IllegalArgumentException(layer + ": an empty minibatch " + Arrays.toString(input.shape())
                    + "; expected at least one row");
        }
        if (input.dataType() != expected) {
            throw new IllegalArgumentException(layer + ": input of data type " + input.dataType() + ", but the network"
                    + " is " + expected + "; cast it with input.castTo(DataType." + expected + ")");
        }
        if (!finite(input)) {
            INDArray rows = input.reshape(input.size(0), input.length() / input.size(0));
            for (long r = 0; r < rows.size(0); r++) {
                if (!finite(rows.getRow(r))) {
                    throw new IllegalArgumentException(layer + ": input row " + r + " holds NaN or infinity");
                }
            }
        }
    }
}
