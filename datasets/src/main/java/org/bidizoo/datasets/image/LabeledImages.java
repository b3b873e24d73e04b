package org.bidizoo.datasets.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images with class labels, held in memory as unsigned bytes (one byte per pixel and channel,
 * channel-major within an image, i.e. CHW), and turned into float minibatches on demand with
 * pixels scaled to [0, 1].
 */
public final class LabeledImages {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;

    /**
     * @param pixels     {@code count * channels * height * width} unsigned bytes, CHW per image
     * @param labels     one class index per image, each in {@code [0, numClasses)}
     * @param channels   channels per image
     * @param height     height in pixels
     * @param width      width in pixels
     * @param numClasses number of classes
     * @throws IllegalArgumentException if sizes disagree or a label is out of range
     */
    public LabeledImages(byte[] pixels, int[] labels, int channels, int height, int width, int numClasses) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got [" + channels + ", " + height
                    + ", " + width + "]");
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels: " + pixels.length + " bytes, but " + labels.length
                    + " images of " + channels + "x" + height + "x" + width + " need " + expected);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + ", expected a class in [0, "
                        + numClasses + ")");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
    }

    /** @return number of images */
    public int size() {
        return labels.length;
    }

    /** @return channels per image */
    public int channels() {
        return channels;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return {@code channels * height * width} */
    public int featureSize() {
        return channels * height * width;
    }

    /** @param i image index @return its class */
    public int label(int i) {
        return labels[i];
    }

    /**
     * @param n how many
     * @return the first {@code n} images (all if {@code n >= size()})
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public LabeledImages first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("first: n must be >= 1, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new LabeledImages(Arrays.copyOf(pixels, n * featureSize()), Arrays.copyOf(labels, n),
                channels, height, width, numClasses);
    }

    /**
     * Picks {@code n} examples, {@code n / numClasses} per class (the remainder to the lowest classes),
     * each class's examples in a seeded random order.
     *
     * @param n    how many, {@code 1 <= n <= size()}
     * @param seed random seed
     * @return ascending indices of the chosen examples
     * @throws IllegalArgumentException naming n if it is out of range or a class has too few examples
     */
    public int[] balancedIndices(int n, long seed) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("numLabeled = " + n + ", expected 1.." + size());
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < numClasses; i++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < size(); i++) {
            byClass.get(labels[i]).add(i);
        }
        Random r = new Random(seed);
        int[] out = new int[n];
        int k = 0;
        for (int cls = 0; cls < numClasses; cls++) {
            int want = n / numClasses + (cls < n % numClasses ? 1 : 0);
            List<Integer> pool = byClass.get(cls);
            if (pool.size() < want) {
                throw new IllegalArgumentException("numLabeled = " + n + " needs " + want + " examples of class " + cls
                        + " but the data has only " + pool.size());
            }
            Collections.shuffle(pool, r);
            for (int j = 0; j < want; j++) {
                out[k++] = pool.get(j);
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * @param indices image indices, each in {@code [0, size())}
     * @return a new set holding those images, in that order
     * @throws IllegalArgumentException naming the first index out of range
     */
    public LabeledImages subset(int[] indices) {
        int fs = featureSize();
        byte[] px = new byte[indices.length * fs];
        int[] lb = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("subset: index " + i + " at position " + r + " is outside [0, "
                        + size() + ")");
            }
            System.arraycopy(pixels, i * fs, px, r * fs, fs);
            lb[r] = labels[i];
        }
        return new LabeledImages(px, lb, channels, height, width, numClasses);
    }

    /**
     * @param indices image indices
     * @param layout  flat or NCHW
     * @return float features in [0, 1]: {@code [n, C*H*W]} or {@code [n, C, H, W]}
     */
    public INDArray features(int[] indices, FeatureLayout layout) {
        int fs = featureSize();
        float[] out = new float[indices.length * fs];
        for (int r = 0; r < indices.length; r++) {
            int src = indices[r] * fs;
            int dst = r * fs;
            for (int j = 0; j < fs; j++) {
                out[dst + j] = (pixels[src + j] & 0xff) / 255f;
            }
        }
        long[] shape = layout == FeatureLayout.FLAT ? new long[] {indices.length, fs}
                : new long[] {indices.length, channels, height, width};
        return Nd4j.create(out, shape, DataType.FLOAT);
    }

    /**
     * @param indices image indices
     * @return one-hot labels {@code [n, numClasses]}
     */
    public INDArray oneHot(int[] indices) {
        float[] out = new float[indices.length * numClasses];
        for (int r = 0; r < indices.length; r++) {
            out[r * numClasses + labels[indices[r]]] = 1f;
        }
        return Nd4j.create(out, new long[] {indices.length, numClasses}, DataType.FLOAT);
    }
}
