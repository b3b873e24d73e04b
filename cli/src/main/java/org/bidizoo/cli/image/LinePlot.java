package org.bidizoo.cli.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import org.bidizoo.datasets.io.AtomicFiles;

/**
 * A small line chart as a PNG (Java2D, no dependencies): several named series of (x, y) points,
 * axes with ticks, a legend. Dashed series draw dashed lines.
 */
public final class LinePlot {
    private static final Color[] PALETTE = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14), new Color(23, 190, 207)};

    /**
     * A series.
     *
     * @param name   legend label
     * @param x      x values
     * @param y      y values (same length as x)
     * @param color  palette index
     * @param dashed dashed line
     */
    public record Series(String name, double[] x, double[] y, int color, boolean dashed) {
        /** Validates lengths. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                        + " y values");
            }
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    /**
     * @param title  title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** @param s a series @return this */
    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    /**
     * @param file PNG to write (parent directories are created)
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        int w = 720;
        int h = 480;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 60;
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]);
                y1 = Math.max(y1, s.y()[i]);
            }
        }
        if (!(x1 > x0)) {
            x0 = Double.isFinite(x0) ? x0 - 1 : 0;
            x1 = x0 + 2;
        }
        if (!(y1 > y0)) {
            y0 = Double.isFinite(y0) ? y0 - 0.5 : 0;
            y1 = y0 + 1;
        }
        double pad = (y1 - y0) * 0.05;
        y0 -= pad;
        y1 += pad;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.drawRect(left, top, pw, ph);
        for (int k = 0; k <= 5; k++) {
            double xv = x0 + (x1 - x0) * k / 5;
            int px = left + pw * k / 5;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, top + 1, px, top + ph - 1);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.3g", xv), px - 12, top + ph + 16);
            double yv = y0 + (y1 - y0) * k / 5;
            int py = top + ph - ph * k / 5;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, py, left + pw - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.3g", yv), 8, py + 4);
        }
        g.drawString(xLabel, left + pw / 2 - 20, h - 18);
        g.drawString(yLabel, 8, top - 8);
        int legendTop = top + ph - 12 - 16 * series.size();
        int legendLeft = left + pw - 205;
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            g.setColor(PALETTE[s.color() % PALETTE.length]);
            g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            int prevX = 0;
            int prevY = 0;
            for (int i = 0; i < s.x().length; i++) {
                int px = left + (int) Math.round((s.x()[i] - x0) / (x1 - x0) * pw);
                int py = top + ph - (int) Math.round((s.y()[i] - y0) / (y1 - y0) * ph);
                if (i > 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                g.fillOval(px - 3, py - 3, 6, 6);
                prevX = px;
                prevY = py;
            }
        }
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(legendLeft, legendTop, 200, 16 * series.size() + 8);
        g.setColor(Color.GRAY);
        g.drawRect(legendLeft, legendTop, 200, 16 * series.size() + 8);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            int ly = legendTop + 16 + 16 * si;
            g.setColor(PALETTE[s.color() % PALETTE.length]);
            g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            g.drawLine(legendLeft + 5, ly - 4, legendLeft + 30, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), legendLeft + 35, ly);
        }
        g.dispose();
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for " + file);
            }
        });
    }
}
