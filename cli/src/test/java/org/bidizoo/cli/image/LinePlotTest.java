package org.bidizoo.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @TempDir
    Path tmp;

    @Test
    void writesAChartWithItsLinesAndRejectsRaggedSeries() throws Exception {
        Path f = tmp.resolve("sub/plot.png");
        new LinePlot("t", "epoch", "accuracy")
                .add(new LinePlot.Series("a", new double[] {0, 1, 2}, new double[] {0.1, 0.5, 0.9}, 0, false))
                .add(new LinePlot.Series("b", new double[] {0, 2}, new double[] {0.2, 0.2}, 1, true)).write(f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(720, img.getWidth());
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 80) {
                    red++;
                }
            }
        }
        assertTrue(red > 300, "the red series is drawn: " + red + " pixels");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinePlot.Series("c", new double[] {0, 1}, new double[] {1}, 0, false));
        assertTrue(e.getMessage().contains("series 'c': 2 x values but 1 y values"), e.getMessage());
    }
}
