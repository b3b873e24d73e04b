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
    private static final String INTRO = "Each input x next to J(x)ᵀ f(x), f = the pre-activation of a dense or output"
            + " layer (seed 002); each inverted image is stretched from its minimum to its maximum.";

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET,
                        (args, rc) -> galleryPage(rc, "Inversion J(x)ᵀ f(x)", INTRO, PAGE + "/data")),
                new Route(PAGE + "/data", HttpMethod.GET, (args, rc) -> gallery(rc, RecordTypes.INVERSION)));
    }
}
