package org.bidizoo.ui.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * A PNG scatter plot of a 2-D map (a t-SNE embedding), one colour per class, with a title line and a
 * legend of the classes present.
 */
public final class ScatterPlot {
    /** Ten distinguishable colours (the "tab10" palette); classes beyond ten reuse them. */
    public static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    private ScatterPlot() {
    }

    /**
     * @param file   the PNG (parent directories are created)
     * @param points {@code [n][2]}
     * @param labels class of each point {@code [n]}, {@code >= 0}
     * @param title  a line drawn above the plot
     * @param size   width and height in pixels, {@code >= 100}
     * @throws IOException if it cannot be written
     */
    public static void write(Path file, double[][] points, int[] labels, String title, int size) throws IOException {
        BufferedImage img = render(points, labels, title, size);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * @param points {@code [n][2]}
     * @param labels class of each point {@code [n]}, {@code >= 0}
     * @param title  a line drawn above the plot
     * @param size   width and height in pixels, {@code >= 100}
     * @return the plot
     */
    public static BufferedImage render(double[][] points, int[] labels, String title, int size) {
        if (points.length != labels.length) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for " + points.length + " points");
        }
        if (size < 100) {
            throw new IllegalArgumentException("size = " + size + ", expected >= 100");
        }
        int top = 24;
        int legend = 60;
        BufferedImage img = new BufferedImage(size + legend, size + top, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 6, 17);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int maxLabel = 0;
        for (int i = 0; i < points.length; i++) {
            minX = Math.min(minX, points[i][0]);
            maxX = Math.max(maxX, points[i][0]);
            minY = Math.min(minY, points[i][1]);
            maxY = Math.max(maxY, points[i][1]);
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels: point " + i + " has class " + labels[i] + ", expected >= 0");
            }
            maxLabel = Math.max(maxLabel, labels[i]);
        }
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12);
        int margin = 8;
        double scale = (size - 2 * margin) / span;
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < points.length; i++) {
            int px = margin + (int) Math.round((points[i][0] - minX) * scale);
            int py = top + margin + (int) Math.round((maxY - points[i][1]) * scale);
            g.setColor(new Color(PALETTE[labels[i] % PALETTE.length]));
            g.fillOval(px - 2, py - 2, 5, 5);
        }
        for (int c = 0; c <= maxLabel; c++) {
            g.setColor(new Color(PALETTE[c % PALETTE.length]));
            g.fillOval(size + 8, top + 10 + 18 * c, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(c), size + 24, top + 19 + 18 * c);
        }
        g.dispose();
        return img;
    }
}
