package org.bidizoo.ui.module;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.RoutingContext;

/**
 * t-SNE maps of hidden layers: {@code /bidizoo/tsne} (HTML) and {@code /bidizoo/tsne/data} (the newest
 * record: iteration and, per layer, points {@code [x, y, class]} and inter/intra/ratio, plus the mapped
 * layer names and the class names). {@code ?layer=NAME} on either shows one layer; a name that is not
 * mapped is answered with 400 and the names that are.
 */
public final class HiddenTsneModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo/tsne";
    /** The query parameter choosing one layer. */
    public static final String LAYER = "layer";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> {
                    if (knownLayer(rc)) {
                        html(rc, "tsne.html");
                    }
                }),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> {
                    if (knownLayer(rc)) {
                        json(rc, data(rc.request().getParam(LAYER)));
                    }
                }));
    }

    /** @return the mapped layers: the newest t-SNE listener's announcement, else the newest record's layers */
    List<String> layers() {
        Set<String> names = new LinkedHashSet<>();
        DashboardRecord info = announcement(RecordTypes.TSNE);
        DashboardRecord last = latest(RecordTypes.TSNE);
        if (info != null && (last == null || info.getTimeStamp() >= last.getTimeStamp() || !last.getSessionID()
                .equals(info.getSessionID()))) {
            Json.read(info.json()).path("layers").forEach(n -> names.add(n.asText()));
        }
        if (names.isEmpty() && last != null) {
            Json.read(last.json()).path("layers").forEach(n -> names.add(n.path("layer").asText()));
        }
        return new ArrayList<>(names);
    }

    private boolean knownLayer(RoutingContext rc) {
        String layer = rc.request().getParam(LAYER);
        if (layer == null) {
            return true;
        }
        List<String> layers = layers();
        if (layers.contains(layer)) {
            return true;
        }
        message(rc, 400, "Unknown layer", "layer=" + layer + " is not mapped on this dashboard; "
                + (layers.isEmpty() ? "no run has announced its t-SNE layers yet"
                : "the mapped layers are " + String.join(", ", layers))
                + " (choose them with \"layers\" in the ui-config file).");
        return false;
    }

    private String data(String layer) {
        DashboardRecord r = latest(RecordTypes.TSNE);
        ObjectNode out = r == null ? (ObjectNode) Json.read("{\"iteration\":null,\"layers\":[]}")
                : (ObjectNode) Json.read(r.json());
        if (layer != null) {
            ArrayNode kept = out.arrayNode();
            for (JsonNode l : out.path("layers")) {
                if (layer.equals(l.path("layer").asText())) {
                    kept.add(l);
                }
            }
            out.set("layers", kept);
        }
        ArrayNode names = out.arrayNode();
        layers().forEach(names::add);
        out.set("mapped", names);
        return Json.write(out);
    }
}
