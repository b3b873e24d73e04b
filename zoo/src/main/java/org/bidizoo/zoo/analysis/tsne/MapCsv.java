package org.bidizoo.zoo.analysis.tsne;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes a {@link LayerMap} as CSV: a header {@code x,y,label,index}, then one row per point ({@code index}
 * is the point's row in the sample). The file is written atomically: a temporary file beside it, forced to
 * disk, then moved over it.
 */
public final class MapCsv {
    /** The header line. */
    public static final String HEADER = "x,y,label,index";

    private MapCsv() {
    }

    /**
     * @param map  the map
     * @return the CSV text
     */
    public static String text(LayerMap map) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < map.points().length; i++) {
            b.append(String.format(Locale.ROOT, "%.6f,%.6f,%d,%d\n", map.points()[i][0], map.points()[i][1],
                    map.labels()[i], i));
        }
        return b.toString();
    }

    /**
     * @param file where to write (its directory is created)
     * @param map  the map
     * @throws IOException if it cannot be written (the previous file, if any, is then unchanged)
     */
    public static void write(Path file, LayerMap map) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text(map).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    c.write(bytes);
                }
                c.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
