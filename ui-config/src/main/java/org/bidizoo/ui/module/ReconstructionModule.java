package org.bidizoo.ui.module;

import java.util.List;

import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/**
 * The reconstruction gallery: {@code /bidizoo/reconstructions} (HTML) and
 * {@code /bidizoo/reconstructions/data} (the newest record: iteration, vertex (or model, for one that is not a graph), mse, rows of base64 PNGs; or,
 * for a model without a reconstruction, {@code unavailable}: why, and what to set).
 */
public final class ReconstructionModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo/reconstructions";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> galleryPage(rc, "Reconstructions", "", PAGE + "/data")),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> gallery(rc, RecordTypes.RECONSTRUCTIONS)));
    }
}
