package org.bidizoo.ui.module;

import java.util.List;
import java.util.Map;

import org.bidizoo.ui.storage.DashboardRecord;
import org.bidizoo.ui.storage.Json;
import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/**
 * The reconstruction gallery: {@code /bidizoo/reconstructions} (HTML) and
 * {@code /bidizoo/reconstructions/data} (the newest record: iteration, vertex, mse, rows of base64 PNGs; or,
 * for a model without a reconstruction, {@code unavailable}: why, and what to set).
 */
public final class ReconstructionModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo/reconstructions";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> html(rc, "reconstructions.html")),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> {
                    DashboardRecord r = latest(RecordTypes.RECONSTRUCTIONS);
                    DashboardRecord info = announcement(RecordTypes.RECONSTRUCTIONS);
                    String why = info == null ? "" : Json.read(info.json()).path("unavailable").asText("");
                    if (!why.isEmpty() && (r == null || info.getTimeStamp() >= r.getTimeStamp())) {
                        json(rc, Json.write(Map.of("rows", List.of(), "unavailable", why)));
                        return;
                    }
                    json(rc, r == null ? "{\"iteration\":null,\"rows\":[]}" : r.json());
                }));
    }
}
