package org.bidizoo.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bidizoo.ui.module.TrainPagesLink;
import org.junit.jupiter.api.Test;
import org.nd4j.common.resources.Resources;

/** DL4J's own training pages carry a sidebar link to our pages, and still work. */
class Dl4jPagesLinkTest {
    private static final String LINK = "id=\"bidizoo-link\" href=\"/bidizoo\"";
    private static final String LANGUAGE_MENU = "<li class=\"nav-item nav-dropdown\">";

    @Test
    void trainPagesLinkToTheDashboard() throws Exception {
        Map<String, String> ownScript = Map.of("/train/overview", "/assets/js/train/overview.js", "/train/model",
                "/assets/js/train/model.js", "/train/system", "/assets/js/train/system.js");
        try (Dashboard d = Dashboard.start(DashboardServerTest.config(0, null, List.of()))) {
            String base = "http://127.0.0.1:" + d.port();
            for (var page : ownScript.entrySet()) {
                var r = Http.get(base + page.getKey());
                String html = r.body();
                assertEquals(200, r.statusCode(), page.getKey());
                assertEquals(1, html.split(LINK, -1).length - 1, page.getKey() + " has one link to /bidizoo: " + html);
                assertTrue(html.indexOf(LINK) < html.indexOf(LANGUAGE_MENU), page.getKey()
                        + ": the link comes before DL4J's language menu");
                assertTrue(html.contains("href=\"system\"") && html.contains(page.getValue())
                        && html.contains("/assets/js/train/train.js"), page.getKey() + " keeps DL4J's own content");
                assertFalse(html.contains("${"), page.getKey() + " is fully rendered by DL4J's FreeMarker");
                assertEquals(200, Http.get(base + page.getValue()).statusCode(), page.getValue());
            }
            assertTrue(Http.get(base + "/train/overview/data").body().startsWith("{"), "DL4J's data route");
            assertEquals(200, Http.get(base + "/bidizoo").statusCode(), "the link's target");
        }
    }

    @Test
    void onlyDl4jsTrainingTemplatesAreClaimed() throws Exception {
        TrainPagesLink resolver = new TrainPagesLink();
        for (String t : TrainPagesLink.TEMPLATES) {
            assertTrue(resolver.exists(t), t);
            String viaNd4j = Files.readString(Resources.asFile(t).toPath());
            assertTrue(viaNd4j.contains(TrainPagesLink.ITEM), "nd4j's Resources, as DL4J's TrainModule calls it,"
                    + " answers " + t + " with the link");
            assertEquals(viaNd4j, Files.readString(resolver.asFile(t).toPath()), t);
            try (InputStream in = resolver.asStream(t)) {
                assertEquals(viaNd4j, new String(in.readAllBytes(), StandardCharsets.UTF_8), t);
            }
        }
        assertFalse(resolver.exists("templates/Tsne.html"));
        var e = assertThrows(IllegalArgumentException.class, () -> resolver.asFile("templates/Tsne.html"));
        assertTrue(e.getMessage().startsWith("resource 'templates/Tsne.html' is not one of DL4J's training"
                + " templates"), e.getMessage());
        assertTrue(Resources.exists("templates/Tsne.html"), "other resources still resolve through nd4j");
    }

    @Test
    void linkGoesBeforeTheLanguageMenuOrNowhere() {
        String nav = "<ul class=\"nav\">\n    <li>system</li>\n    " + LANGUAGE_MENU + "</li>\n</ul>";
        assertEquals(Optional.of("<ul class=\"nav\">\n    <li>system</li>\n    " + TrainPagesLink.ITEM + "\n    "
                + LANGUAGE_MENU + "</li>\n</ul>"), TrainPagesLink.insertLink(nav));
        assertEquals(Optional.empty(), TrainPagesLink.insertLink("<ul class=\"nav\"><li>system</li></ul>"));
    }
}
