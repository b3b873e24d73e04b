package org.bidizoo.zoo.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Writes a graph as DL4J's {@code ModelSerializer} zip with extra named objects in one pass, readable by
 * {@code ModelSerializer.restoreComputationGraph} and {@code getObjectFromFile}. DL4J's own
 * {@code addObjectToFile} copies and recompresses the whole archive for each object: for a 25-million-parameter
 * model with its Adam state that doubled (two objects: tripled) the time to save. Here the serializer's
 * entries are copied still compressed and the objects are appended.
 */
final class ModelZips {
    /** DL4J's folder for named objects inside the zip. */
    private static final String OBJECTS = "objects/";

    private ModelZips() {
    }

    /**
     * @param graph       the graph
     * @param withUpdater also its updater state
     * @param objects     named objects, read back by {@code ModelSerializer.getObjectFromFile(file, name)}
     * @param file        the zip to write (a temporary file of {@link org.bidizoo.datasets.io.AtomicFiles}); a
     *                    scratch file beside it is removed before this returns
     * @throws IOException if a file cannot be written
     */
    static void write(ComputationGraph graph, boolean withUpdater, Map<String, ? extends Serializable> objects,
                      Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path model = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            ModelSerializer.writeModel(graph, model.toFile(), withUpdater);
            try (ZipFile in = new ZipFile(model.toFile());
                 ZipArchiveOutputStream out = new ZipArchiveOutputStream(file.toFile())) {
                for (ZipArchiveEntry e : Collections.list(in.getEntriesInPhysicalOrder())) {
                    try (InputStream raw = in.getRawInputStream(e)) {
                        out.addRawArchiveEntry(e, raw);
                    }
                }
                for (Map.Entry<String, ? extends Serializable> o : objects.entrySet()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
                        oos.writeObject(o.getValue());
                    }
                    out.putArchiveEntry(new ZipArchiveEntry(OBJECTS + o.getKey()));
                    out.write(bytes.toByteArray());
                    out.closeArchiveEntry();
                }
            }
        } finally {
            Files.deleteIfExists(model);
        }
    }
}
