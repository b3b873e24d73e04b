package org.bidizoo.layers.lmser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.bidizoo.layers.transpose.LinearMap;

/**
 * The activity shapes of an Lmser stack, validated: entry 0 is the input, entry k+1 the output of
 * level k. A shape is {@code [n]} for a dense activity and {@code [C, H, W]} for a convolutional one.
 * Convolutional levels must come before dense ones (a dense level flattens its input). Each level's shapes are
 * those of its {@link LinearMap}.
 */
public final class LmserShapes {
    private final List<long[]> shapes;

    private LmserShapes(List<long[]> shapes) {
        this.shapes = shapes;
    }

    /**
     * @param input  the input shape: {@code [n]} or {@code [C, H, W]}
     * @param levels the levels, bottom first
     * @return the validated shapes
     * @throws IllegalArgumentException naming the level, the value and the expectation
     */
    public static LmserShapes of(long[] input, List<LmserLevel> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("levels: an Lmser stack needs at least one level, got none");
        }
        List<long[]> s = new ArrayList<>();
        s.add(input.clone());
        long[] cur = input;
        for (int k = 0; k < levels.size(); k++) {
            LmserLevel l = levels.get(k);
            if (l.isConv() && cur.length != 3) {
                throw new IllegalArgumentException("level " + k + " (" + l + ") is convolutional but its input is "
                        + (k == 0 ? "flat " + Arrays.toString(cur) + "; give the layer a convolutional input type"
                        + " (InputType.convolutional(h, w, c) or InputType.convolutionalFlat(h, w, c))"
                        : "the flat output of dense level " + (k - 1) + "; convolutional levels must come first"));
            }
            cur = l.map().outputShape(cur, "level " + k + " (" + l + ")");
            s.add(cur);
        }
        return new LmserShapes(Collections.unmodifiableList(s));
    }

    /** @param k activity index (0 = input) @return its shape (a copy) */
    public long[] shape(int k) {
        return shapes.get(k).clone();
    }

    /** @param k activity index @return its element count per example */
    public long size(int k) {
        return LinearMap.size(shapes.get(k));
    }

    /** @param k activity index @return whether it is convolutional ([C, H, W]) */
    public boolean isConv(int k) {
        return shapes.get(k).length == 3;
    }

    /** @return number of levels */
    public int levels() {
        return shapes.size() - 1;
    }

    /** @return the per-example size of the input */
    public long inputSize() {
        return size(0);
    }

    /** @return the per-example size of the top code */
    public long codeSize() {
        return size(levels());
    }

    /**
     * @param k level
     * @return the shape of its weights: dense {@code [nIn, nOut]} (a conv input is flattened), conv
     *         {@code [kernel, kernel, inC, outC]}
     */
    public long[] weightShape(int k, LmserLevel level) {
        return level.map().weightShape(shapes.get(k));
    }

    /** @param k level @return the length of its top-down bias: input channels (conv input) or input size */
    public long topDownBiasSize(int k, LmserLevel level) {
        return level.map().transposeBiasSize(shapes.get(k));
    }
}
