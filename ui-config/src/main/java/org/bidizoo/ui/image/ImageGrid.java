package org.bidizoo.ui.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes rows of grey-scale (or RGB) images as one PNG: each row is a minibatch
 * ({@code [n, C*H*W]} or {@code [n, C, H, W]}, values in [0, 1], clipped), images side by side with a
 * one-pixel gap, scaled up by an integer factor.
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
        BufferedImage img = render(rows, channels, height, width, scale);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * @param rows     one minibatch per row
     * @param channels channels per image (1 or 3)
     * @param height   image height
     * @param width    image width
     * @param scale    integer magnification, {@code >= 1}
     * @return the grid as PNG bytes
     */
    public static byte[] png(List<INDArray> rows, int channels, int height, int width, int scale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(rows, channels, height, width, scale), "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PNG in memory: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param rows     one minibatch per row
     * @param channels channels per image (1 or 3)
     * @param height   image height
     * @param width    image width
     * @param scale    integer magnification, {@code >= 1}
     * @return the grid
     */
    public static BufferedImage render(List<INDArray> rows, int channels, int height, int width, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale = " + scale + ", expected >= 1");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows: expected at least one row of images");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels = " + channels + ", expected 1 or 3");
        }
        int cols = 0;
        for (INDArray r : rows) {
            cols = Math.max(cols, (int) r.size(0));
        }
        int cw = width * scale + 1;
        int ch = height * scale + 1;
        BufferedImage img = new BufferedImage(cols * cw + 1, rows.size() * ch + 1, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, 0x404040);
            }
        }
        int per = channels * height * width;
        for (int r = 0; r < rows.size(); r++) {
            INDArray batch = rows.get(r);
            float[] v = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int n = (int) batch.size(0);
            if (v.length != (long) n * per) {
                throw new IllegalArgumentException("row " + r + " has " + v.length + " values, expected " + n + " images of "
                        + channels + "x" + height + "x" + width);
            }
            for (int i = 0; i < n; i++) {
                for (int yy = 0; yy < height; yy++) {
                    for (int xx = 0; xx < width; xx++) {
                        int rgb;
                        if (channels == 1) {
                            int g = grey(v[i * per + yy * width + xx]);
                            rgb = g << 16 | g << 8 | g;
                        } else {
                            int hw = height * width;
                            rgb = grey(v[i * per + yy * width + xx]) << 16
                                    | grey(v[i * per + hw + yy * width + xx]) << 8
                                    | grey(v[i * per + 2 * hw + yy * width + xx]);
                        }
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.setRGB(1 + i * cw + xx * scale + dx, 1 + r * ch + yy * scale + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        return img;
    }

    private static int grey(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    /**
     * One named row of a dashboard gallery: {@code {"name": name, "png": base64 PNG}} of the images side by
     * side at scale 2.
     *
     * @param name     the row's name
     * @param images   {@code [n, C*H*W]} or {@code [n, C, H, W]}, values in [0, 1]
     * @param channels image channels
     * @param height   image height
     * @param width    image width
     * @return the row, for a record's {@code rows}
     */
    public static java.util.Map<String, Object> galleryRow(String name, INDArray images, int channels, int height,
                                                           int width) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("png", java.util.Base64.getEncoder().encodeToString(png(List.of(images), channels, height, width,
                2)));
        return m;
    }
}
