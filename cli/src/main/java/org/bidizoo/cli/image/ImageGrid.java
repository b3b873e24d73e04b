package org.bidizoo.cli.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes rows of grey-scale (or RGB) images as one PNG: each row is a minibatch
 * ({@code [n, C*H*W]} or {@code [n, C, H, W]}, values in [0, 1], clipped), images side by side with a
 * one-pixel gap, scaled up by an integer factor, written atomically (temporary file, fsync, move). The
 * drawing lives in {@link org.bidizoo.ui.image.ImageGrid}, which the dashboard shares.
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * @param file     the PNG to write (parent directories are created)
     * @param rows     one minibatch per row
     * @param channels channels per image (1 or 3)
     * @param height   image height
     * @param width    image width
     * @param scale    integer magnification, {@code >= 1}
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<INDArray> rows, int channels, int height, int width, int scale)
            throws IOException {
        byte[] png = org.bidizoo.ui.image.ImageGrid.png(rows, channels, height, width, scale);
        org.bidizoo.datasets.io.AtomicFiles.write(file, tmp -> java.nio.file.Files.write(tmp, png));
    }
}
