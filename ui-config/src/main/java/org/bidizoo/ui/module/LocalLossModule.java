package org.bidizoo.ui.module;

import java.util.List;
import java.util.stream.Collectors;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/**
 * Loss curves of every output layer (AL's local losses per block): {@code /bidizoo/losses} (HTML) and
 * {@code /bidizoo/losses/data} (every record of the newest session: {@code [{iteration, losses: {name: value}}]}).
 */
public final class LocalLossModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo/losses";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> html(rc, "losses.html")),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> json(rc, history(RecordTypes.LOSSES).stream()
                        .map(DashboardRecord::json).collect(Collectors.joining(",", "{\"records\":[", "]}")))));
    }
}
