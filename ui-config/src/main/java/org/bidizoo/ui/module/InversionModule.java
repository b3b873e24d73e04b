package org.bidizoo.ui.module;

import java.util.List;

import org.bidizoo.ui.storage.RecordTypes;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/**
 * A fixed batch x next to its inversion J(x)ᵀ f(x) (seed 002): {@code /bidizoo/inversion} (HTML) and
 * {@code /bidizoo/inversion/data} (the newest record: iteration, layer, mean cosine(x, J(x)ᵀ f(x)), rows of
 * base64 PNGs; or {@code unavailable}: why).
 */
public final class InversionModule extends RecordModule {
    /** Path of the page. */
    public static final String PAGE = "/bidizoo/inversion";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> html(rc, "inversion.html")),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> gallery(rc, RecordTypes.INVERSION)));
    }
}
