package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The one-pass zip holds what DL4J's writeModel + addObjectToFile write, and DL4J reads it back. */
class ModelZipsTest {
    @TempDir
    Path tmp;

    @Test
    void dl4jReadsTheGraphItsUpdaterAndTheObjectsAndTheEntriesAreDl4js() throws IOException {
        BidizooModel m = ZooRegistry.create("lmser-dense");
        ComputationGraph g = m.init();
        g.fit(m.trainingBatch(Nd4j.rand(DataType.FLOAT, 4, 784), Nd4j.eye(10).getRows(0, 1, 2, 3), null));
        HashMap<String, String> a = new HashMap<>(Map.of("k", "v"));
        HashMap<String, String> b = new HashMap<>(Map.of("iteration", "7"));
        Path ours = tmp.resolve("ours.zip");
        ModelZips.write(g, true, Map.of("a", a, "b", b), ours);

        ComputationGraph back = ModelSerializer.restoreComputationGraph(ours.toFile(), true);
        assertEquals(g.params(), back.params());
        assertEquals(g.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        assertEquals(a, ModelSerializer.getObjectFromFile(ours.toFile(), "a"));
        assertEquals(b, ModelSerializer.getObjectFromFile(ours.toFile(), "b"));

        Path theirs = tmp.resolve("theirs.zip");
        ModelSerializer.writeModel(g, theirs.toFile(), true);
        ModelSerializer.addObjectToFile(theirs.toFile(), "a", a);
        ModelSerializer.addObjectToFile(theirs.toFile(), "b", b);
        assertEquals(entries(theirs), entries(ours));
        try (var files = Files.list(tmp)) {
            assertEquals(Set.of("ours.zip", "theirs.zip"), files.map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet()), "no scratch file left");
        }
    }

    private static Set<String> entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new TreeSet<>(Collections.list(z.entries()).stream().map(e -> e.getName()).toList());
        }
    }
}
