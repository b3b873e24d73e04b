package org.bidizoo.ui.module;

import java.util.List;

import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/** {@code /bidizoo}: links to the dashboard's pages and to DL4J's own training pages. */
public final class IndexModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo";

    @Override
    public List<Route> getRoutes() {
        return List.of(new Route(PAGE, HttpMethod.GET, (args, rc) -> html(rc, "index.html")));
    }
}
