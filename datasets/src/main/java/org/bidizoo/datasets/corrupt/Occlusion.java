package org.bidizoo.datasets.corrupt;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rectangular occlusion: a box of every channel of each image is set to a fill value (0 by
 * default), at a fixed position or at a random position per image.
 */
public final class Occlusion implements Corruption {
    private final int channels;
    private final int height;
    private final int width;
    private final int boxHeight;
    private final int boxWidth;
    private final int top;
    private final int left;
    private final float fill;

    /**
     * @param channels  channels per image
     * @param height    image height
     * @param width     image width
     * @param boxHeight box height, in [1, height]
     * @param boxWidth  box width, in [1, width]
     * @param top       box top row, or -1 for a random row per image
     * @param left      box left column, or -1 for a random column per image
     * @param fill      value written into the box
     */
    public Occlusion(int channels, int height, int width, int boxHeight, int boxWidth, int top, int left, float fill) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got [" + channels + ", " + height + ", "
                    + width + "]");
        }
        if (boxHeight < 1 || boxHeight > height || boxWidth < 1 || boxWidth > width) {
            throw new IllegalArgumentException("box " + boxHeight + "x" + boxWidth + " must fit the " + height + "x"
                    + width + " image and be at least 1x1");
        }
        if (top < -1 || top + boxHeight > height || left < -1 || left + boxWidth > width) {
            throw new IllegalArgumentException("box at (top=" + top + ", left=" + left + ") of size " + boxHeight + "x"
                    + boxWidth + " does not fit the " + height + "x" + width + " image (use -1 for random)");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.boxHeight = boxHeight;
        this.boxWidth = boxWidth;
        this.top = top;
        this.left = left;
        this.fill = fill;
    }

    /**
     * The occlusion of seed 000's recall experiment: the lower half of a 28×28 image.
     *
     * @return a 14×28 box at row 14, filled with 0
     */
    public static Occlusion lowerHalf28() {
        return new Occlusion(1, 28, 28, 14, 28, 14, 0, 0f);
    }

    @Override
    public Corrupted apply(INDArray clean, long seed) {
        float[] x = Corruption.values(clean, "Occlusion");
        int per = channels * height * width;
        if (x.length % per != 0 || x.length / per != clean.size(0)) {
            throw new IllegalArgumentException("Occlusion: input " + java.util.Arrays.toString(clean.shape())
                    + " is not a minibatch of " + channels + "x" + height + "x" + width + " images");
        }
        float[] m = new float[x.length];
        Random r = new Random(seed);
        int n = x.length / per;
        for (int b = 0; b < n; b++) {
            int t = top >= 0 ? top : r.nextInt(height - boxHeight + 1);
            int l = left >= 0 ? left : r.nextInt(width - boxWidth + 1);
            for (int c = 0; c < channels; c++) {
                for (int i = t; i < t + boxHeight; i++) {
                    int row = b * per + c * height * width + i * width;
                    for (int j = l; j < l + boxWidth; j++) {
                        x[row + j] = fill;
                        m[row + j] = 1f;
                    }
                }
            }
        }
        return new Corrupted(Corruption.like(x, clean), Corruption.like(m, clean));
    }
}
