package org.bidizoo.ui.module;

import java.util.List;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/**
 * t-SNE maps of hidden layers: {@code /bidizoo/tsne} (HTML) and {@code /bidizoo/tsne/data} (the newest
 * record: iteration and, per layer, points {@code [x, y, class]} and inter/intra/ratio).
 */
public final class HiddenTsneModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo/tsne";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> html(rc, "tsne.html")),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> {
                    DashboardRecord r = latest(RecordTypes.TSNE);
                    json(rc, r == null ? "{\"iteration\":null,\"layers\":[]}" : r.json());
                }));
    }
}
