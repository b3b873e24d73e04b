package org.bidizoo.ui.module;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.deeplearning4j.ui.module.train.TrainModule;
import org.nd4j.common.resources.Resolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a link to {@code /bidizoo} into the sidebar of DL4J's training pages ({@code /train/overview},
 * {@code /train/model}, {@code /train/system}).
 *
 * <p>DL4J's {@link TrainModule} reads its page templates on every request through nd4j's
 * {@code Resources.asFile("templates/...")}, and {@code Resources} asks the {@link Resolver}s found by
 * {@code ServiceLoader} in the order of their {@link #priority()}, lowest first (nd4j's own resolver has
 * 100). This resolver, registered in {@code META-INF/services/org.nd4j.common.resources.Resolver}, claims
 * only those three templates: it answers with DL4J's own template, read from DL4J's jar, with one sidebar
 * item inserted before the language menu. A template without that menu (another DL4J version) is not
 * claimed, so DL4J serves its page unchanged.
 */
public final class TrainPagesLink implements Resolver {
    /** The templates of DL4J's training pages, as {@link TrainModule} asks for them. */
    public static final List<String> TEMPLATES = List.of("templates/TrainingOverview.html.ftl",
            "templates/TrainingModel.html.ftl", "templates/TrainingSystem.html.ftl");
    /** The sidebar item that is inserted; its {@code id} lets tests and scripts find it. */
    public static final String ITEM = "<li class=\"nav-item\"><a class=\"nav-link\" id=\"bidizoo-link\" href=\""
            + IndexModule.PAGE + "\"><i class=\"nav-icon cui-layers\"></i>bidizoo</a></li>";
    /**
     * Added to the overview page before {@code </body>}: fills the "Start Time" and "Total Runtime" rows,
     * which DL4J's own script always leaves empty, from {@link RunTimesModule#DATA} (again whenever DL4J's
     * refresh empties them).
     */
    public static final String RUN_TIMES_SCRIPT = "<script id=\"bidizoo-run-times\">(function () {\n"
            + "  var t = {startTime: '', totalRuntime: ''};\n"
            + "  function fill() { for (var id in t) { var e = document.getElementById(id);\n"
            + "    if (e && t[id] && e.textContent !== t[id]) { e.textContent = t[id]; } } }\n"
            + "  function load() { fetch('" + RunTimesModule.DATA + "', {cache: 'no-store'}).then(function (r) {\n"
            + "    return r.json(); }).then(function (d) { t = d; fill(); }).catch(function () {}); }\n"
            + "  ['startTime', 'totalRuntime'].forEach(function (id) { var e = document.getElementById(id);\n"
            + "    if (e) { new MutationObserver(fill).observe(e, {childList: true, characterData: true,"
            + " subtree: true}); } });\n"
            + "  load(); setInterval(load, 2000);\n"
            + "})();</script>\n";
    /** The overview page's template, which gets {@link #RUN_TIMES_SCRIPT}. */
    static final String OVERVIEW = "templates/TrainingOverview.html.ftl";

    /** The sidebar's language menu; the item goes on the line before it. */
    public static final String ANCHOR = "<li class=\"nav-item nav-dropdown\">";
    /** Before nd4j's own resolver (priority 100). */
    static final int PRIORITY = 10;

    private static final Logger LOG = LoggerFactory.getLogger(TrainPagesLink.class);

    private final Map<String, Optional<File>> patched = new ConcurrentHashMap<>();
    private Path directory;

    /** Creates the resolver; {@code ServiceLoader} calls this. The linked copies are written when first asked for. */
    public TrainPagesLink() {
        // nothing to set up before the first request
    }

    /**
     * @param template a template's text
     * @return the text with {@link #ITEM} before the first {@link #ANCHOR} (on a line of its own, indented
     *         like it, when the anchor starts its line); empty if the text has no anchor
     */
    public static Optional<String> insertLink(String template) {
        int at = template.indexOf(ANCHOR);
        if (at < 0) {
            return Optional.empty();
        }
        int lineStart = template.lastIndexOf('\n', at) + 1;
        String indent = template.substring(lineStart, at);
        String item = indent.isBlank() ? ITEM + "\n" + indent : ITEM;
        return Optional.of(template.substring(0, at) + item + template.substring(at));
    }

    /**
     * @param template the overview template's text
     * @return it with {@link #RUN_TIMES_SCRIPT} before the last {@code </body>} (unchanged if it has none)
     */
    public static String insertRunTimes(String template) {
        int at = template.lastIndexOf("</body>");
        return at < 0 ? template : template.substring(0, at) + RUN_TIMES_SCRIPT + template.substring(at);
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean exists(String resourcePath) {
        return TEMPLATES.contains(resourcePath) && patched(resourcePath).isPresent();
    }

    @Override
    public boolean directoryExists(String dirPath) {
        return false;
    }

    @Override
    public File asFile(String resourcePath) {
        if (!TEMPLATES.contains(resourcePath)) {
            throw new IllegalArgumentException("resource '" + resourcePath + "' is not one of DL4J's training"
                    + " templates " + TEMPLATES);
        }
        return patched(resourcePath).orElseThrow(() -> new IllegalArgumentException("DL4J's template '"
                + resourcePath + "' has no sidebar language menu (" + ANCHOR + ") to put the link before"));
    }

    @Override
    public InputStream asStream(String resourcePath) {
        try {
            return Files.newInputStream(asFile(resourcePath).toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the linked copy of '" + resourcePath + "'", e);
        }
    }

    @Override
    public void copyDirectory(String dirPath, File destination) {
        throw new IllegalArgumentException("directory '" + dirPath + "' is not served here; this resolver serves"
                + " only the files " + TEMPLATES);
    }

    @Override
    public boolean hasLocalCache() {
        return false;
    }

    @Override
    public File localCacheRoot() {
        return null;
    }

    @Override
    public String normalizePath(String path) {
        return path;
    }

    private Optional<File> patched(String resourcePath) {
        return patched.computeIfAbsent(resourcePath, this::write);
    }

    private synchronized Optional<File> write(String resourcePath) {
        try (InputStream in = TrainModule.class.getResourceAsStream("/" + resourcePath)) {
            if (in == null) {
                LOG.warn("DL4J's template {} is not on the classpath; its page gets no link to {}", resourcePath,
                        IndexModule.PAGE);
                return Optional.empty();
            }
            Optional<String> linked = insertLink(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (linked.isPresent() && resourcePath.equals(OVERVIEW)) {
                linked = Optional.of(insertRunTimes(linked.get()));
            }
            if (linked.isEmpty()) {
                LOG.warn("DL4J's template {} has no sidebar language menu ({}); its page gets no link to {}",
                        resourcePath, ANCHOR, IndexModule.PAGE);
                return Optional.empty();
            }
            if (directory == null) {
                directory = Files.createTempDirectory("bidizoo-dl4j-templates");
                directory.toFile().deleteOnExit();
            }
            Path file = directory.resolve(Path.of(resourcePath).getFileName());
            Files.writeString(file, linked.get(), StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            LOG.debug("DL4J's {} with a link to {}: {}", resourcePath, IndexModule.PAGE, file);
            return Optional.of(file.toFile());
        } catch (IOException e) {
            LOG.warn("DL4J's template {} could not be copied with a link to {} ({}); its page is unchanged",
                    resourcePath, IndexModule.PAGE, e.toString());
            return Optional.empty();
        }
    }
}
