package org.bidizoo.ui.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.Json;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

import io.vertx.ext.web.RoutingContext;

/**
 * Base of the dashboard's UI modules: remembers the attached storages, finds the newest record of a
 * type across them, and answers with an HTML page (a classpath resource) or JSON. The modules read the
 * storage when a route is asked for, so they need no storage events.
 */
abstract class RecordModule implements UIModule {
    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of();
    }

    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // routes read the storages directly
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        storages.add(statsStorage);
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        storages.remove(statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }

    /** @return the attached storages */
    List<StatsStorage> storages() {
        return storages;
    }

    /**
     * @param type a record type
     * @return the newest record of that type in any attached storage, or null
     */
    DashboardRecord latest(String type) {
        DashboardRecord best = null;
        for (StatsStorage s : storages) {
            for (String session : s.listSessionIDs()) {
                if (!s.listTypeIDsForSession(session).contains(type)) {
                    continue;
                }
                for (String worker : s.listWorkerIDsForSessionAndType(session, type)) {
                    Persistable p = s.getLatestUpdate(session, type, worker);
                    if (p instanceof DashboardRecord r && (best == null || r.getTimeStamp() > best.getTimeStamp())) {
                        best = r;
                    }
                }
            }
        }
        return best;
    }

    /**
     * @param type a record type
     * @return every record of the newest record's session and worker, oldest first (empty if none)
     */
    List<DashboardRecord> history(String type) {
        DashboardRecord last = latest(type);
        if (last == null) {
            return List.of();
        }
        for (StatsStorage s : storages) {
            List<Persistable> all = s.getAllUpdatesAfter(last.getSessionID(), type, last.getWorkerID(), -1L);
            if (!all.isEmpty()) {
                return all.stream().filter(DashboardRecord.class::isInstance).map(DashboardRecord.class::cast)
                        .sorted((a, b) -> Long.compare(a.getTimeStamp(), b.getTimeStamp())).toList();
            }
        }
        return List.of(last);
    }

    /**
     * @param type a record type
     * @return the newest static info record of that type in any attached storage, or null
     */
    DashboardRecord announcement(String type) {
        DashboardRecord best = null;
        for (StatsStorage s : storages) {
            for (String session : s.listSessionIDs()) {
                for (Persistable p : s.getAllStaticInfos(session, type)) {
                    if (p instanceof DashboardRecord r && (best == null || r.getTimeStamp() > best.getTimeStamp())) {
                        best = r;
                    }
                }
            }
        }
        return best;
    }

    /**
     * Answers a gallery's data route: the newest record of the type, or why the page gets none (the newest
     * announcement's {@code unavailable}), or {@code {"iteration": null, "rows": []}} while waiting.
     *
     * @param rc   the request
     * @param type the record type
     */
    void gallery(RoutingContext rc, String type) {
        DashboardRecord r = latest(type);
        DashboardRecord info = announcement(type);
        String why = info == null ? "" : Json.read(info.json()).path("unavailable").asText("");
        if (!why.isEmpty() && (r == null || info.getTimeStamp() >= r.getTimeStamp())) {
            json(rc, Json.write(java.util.Map.of("rows", List.of(), "unavailable", why)));
            return;
        }
        json(rc, r == null ? "{\"iteration\":null,\"rows\":[]}" : r.json());
    }

    /**
     * Answers with the dashboard's message page.
     *
     * @param rc      the request
     * @param status  the HTTP status
     * @param title   the heading (plain text)
     * @param message what is wrong and what exists (plain text)
     */
    static void message(RoutingContext rc, int status, String title, String message) {
        String page = Pages.get("message.html").replace("{{title}}", escape(title)).replace("{{message}}",
                escape(message));
        rc.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").end(page);
    }

    /** @param text plain text @return it with {@code & < > "} escaped for HTML */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Answers with the gallery page (rows of images from a data route, refreshed every 2 s).
     *
     * @param rc      the request
     * @param title   the page title and heading (plain text)
     * @param intro   a paragraph under the heading (plain text), or empty
     * @param data    the data route the page polls
     */
    static void galleryPage(RoutingContext rc, String title, String intro, String data) {
        String page = Pages.get("gallery.html").replace("{{title}}", escape(title)).replace("{{heading}}",
                escape(title)).replace("{{intro}}", intro.isEmpty() ? "" : "<p>" + escape(intro) + "</p>")
                .replace("{{data}}", data);
        rc.response().putHeader("content-type", "text/html; charset=utf-8").end(page);
    }

    static void html(RoutingContext rc, String resource) {
        rc.response().putHeader("content-type", "text/html; charset=utf-8").end(Pages.get(resource));
    }

    static void json(RoutingContext rc, String json) {
        rc.response().putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(json);
    }

    /**
     * The HTML pages, read once from the classpath, with {@code {{echarts}}} replaced by the path of the
     * ECharts script that DL4J's server serves from the WebJar on the classpath ({@link Charts#SCRIPT}).
     */
    static final class Pages {
        private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        private Pages() {
        }

        static String get(String name) {
            return CACHE.computeIfAbsent(name, n -> {
                String path = "/org/bidizoo/ui/pages/" + n;
                try (InputStream in = RecordModule.class.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("page resource " + path + " is missing from the jar");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{echarts}}", Charts.SCRIPT);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
