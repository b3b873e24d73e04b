package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bidizoo.datasets.source.DataLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

class DatasetsCommandTest {
    @TempDir
    Path dataDir;
    private String oldProperty;

    @BeforeEach
    void pointAtTempDataDir() {
        oldProperty = System.getProperty(DataLocator.PROPERTY);
        System.setProperty(DataLocator.PROPERTY, dataDir.toString());
    }

    @AfterEach
    void restore() {
        if (oldProperty == null) {
            System.clearProperty(DataLocator.PROPERTY);
        } else {
            System.setProperty(DataLocator.PROPERTY, oldProperty);
        }
    }

    @Test
    void listIsJson() {
        CliRunner r = CliRunner.run("datasets", "list", "--json");
        assertEquals(0, r.exitCode, r.err);
        JsonNode ds = r.json().get("datasets");
        assertEquals(2, ds.size());
        assertEquals("mnist", ds.get(0).get("name").asText());
        assertEquals(60000, ds.get(1).get("train").asInt());
    }

    @Test
    void infoOnMissingDataIsNotVerifiedAndFetchesNothing() {
        CliRunner r = CliRunner.run("datasets", "info", "mnist", "--json");
        assertEquals(1, r.exitCode);
        JsonNode j = r.json();
        assertEquals("mnist", j.get("name").asText());
        assertFalse(j.get("verified").asBoolean());
        assertTrue(j.get("train").isNull());
        assertEquals("missing", j.get("files").get(0).get("problem").asText());
        assertFalse(Files.exists(dataDir.resolve("mnist")), "info must not fetch");
    }

    @Test
    void infoOnCorruptFileNamesTheProblem() throws IOException {
        Path mnist = Files.createDirectories(dataDir.resolve("mnist"));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 39, 16, 1, 2});
        CliRunner r = CliRunner.run("datasets", "info", "mnist", "--json");
        assertEquals(1, r.exitCode);
        JsonNode f = r.json().get("files").get(3);
        assertFalse(f.get("verified").asBoolean());
        assertTrue(f.get("problem").asText().contains("truncated: header [10000] promises 10000 data bytes but the file"
                + " holds only 2"), f.get("problem").asText());
        CliRunner text = CliRunner.run("datasets", "info", "mnist");
        assertTrue(text.out.contains("mnist: NOT verified in " + mnist), text.out);
        assertTrue(text.out.contains("BAD  t10k-labels-idx1-ubyte: sha256 "), text.out);
    }

    @Test
    void unknownDatasetIsAClearErrorInJsonAndText() {
        CliRunner r = CliRunner.run("datasets", "info", "imagenet", "--json");
        assertEquals(1, r.exitCode);
        assertEquals("dataset: unknown name 'imagenet'; expected one of [mnist, fashion-mnist]",
                r.json().get("error").asText());
        assertTrue(r.err.contains("bidizoo: error: dataset: unknown name 'imagenet'"), r.err);
    }

    @Test
    void helpWorksOnEveryDatasetsCommand() {
        for (String sub : new String[] {"list", "fetch", "info"}) {
            CliRunner r = CliRunner.run("datasets", sub, "--help");
            assertEquals(0, r.exitCode);
            assertTrue(r.out.contains("--json"), r.out);
        }
    }
}
