package org.bidizoo.ui.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardConfigReaderTest {
    @TempDir
    Path tmp;

    private static ConfigException bad(String json) {
        return assertThrows(ConfigException.class, () -> DashboardConfigReader.parse(json, "ui.json"));
    }

    @Test
    void readsEveryFieldAndDefaultsTheRest() throws Exception {
        Path f = tmp.resolve("ui.json");
        Files.writeString(f, "{\n  \"port\": 0,\n  \"storage\": \"runs/ui.bin\",\n  \"layers\": [\"input\", \"lmser\"],\n"
                + "  \"sampleSize\": 300,\n  \"tsneEvery\": 100,\n  \"perplexity\": 20.5,\n  \"occlusion\": false\n}\n");
        DashboardConfig c = DashboardConfigReader.read(f);
        assertEquals(0, c.port());
        assertEquals(Path.of("runs/ui.bin"), c.storage());
        assertEquals(List.of("input", "lmser"), c.layers());
        assertEquals(300, c.sampleSize());
        assertEquals(100, c.tsneEvery());
        assertEquals(20.5, c.perplexity());
        assertEquals(false, c.occlusion());
        assertEquals(DashboardConfig.defaults().reconstructionEvery(), c.reconstructionEvery());
        assertNull(c.remote());
        assertEquals(DashboardConfig.defaults(), DashboardConfigReader.parse("{}", "empty"));
    }

    @Test
    void hostIsLoopbackUnlessTheFileSaysOtherwise() {
        assertEquals("127.0.0.1", DashboardConfigReader.parse("{}", "t").host());
        assertEquals("0.0.0.0", DashboardConfigReader.parse("{\"host\": \"0.0.0.0\"}", "t").host());
        ConfigException e = bad("{\n  \"host\": \" \"\n}");
        assertEquals(2, e.line());
        assertEquals("host", e.field());
        assertTrue(e.getMessage().endsWith("expected an address of this machine without spaces, e.g. 127.0.0.1 or"
                + " 0.0.0.0"), e.getMessage());
    }

    @Test
    void malformedJsonGivesTheLine() {
        ConfigException e = bad("{\n  \"port\": 9000,\n  \"layers\": [\"a\" \"b\"]\n}");
        assertEquals(3, e.line());
        assertEquals(true, e.getMessage().startsWith("ui-config ui.json line 3: malformed JSON"), e.getMessage());
    }

    @Test
    void unknownFieldGivesLineAndField() {
        ConfigException e = bad("{\n  \"port\": 9000,\n  \"layer\": [\"a\"]\n}");
        assertEquals(3, e.line());
        assertEquals("layer", e.field());
        assertEquals(true, e.getMessage().contains("line 3, field \"layer\": unknown field; known fields are [port,"),
                e.getMessage());
    }

    @Test
    void wrongTypeAndOutOfRangeGiveLineAndField() {
        ConfigException t = bad("{\"sampleSize\": 500,\n\"tsneEvery\": \"often\"}");
        assertEquals("ui-config ui.json line 2, field \"tsneEvery\": expected an integer, found \"often\"", t.getMessage());
        ConfigException r = bad("{\n\n\"port\": 70000}");
        assertEquals("ui-config ui.json line 3, field \"port\": \"port\" = 70000, expected in [0, 65535] (0 = any free"
                + " port)", r.getMessage());
        ConfigException l = bad("{\"layers\": [\"a\", 3]}");
        assertEquals("layers", l.field());
        ConfigException a = bad("[1, 2]");
        assertEquals(true, a.getMessage().contains("expected a JSON object"), a.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        var e = assertThrows(java.io.IOException.class, () -> DashboardConfigReader.read(tmp.resolve("nope.json")));
        assertEquals("ui-config file " + tmp.resolve("nope.json") + " does not exist", e.getMessage());
    }
}
