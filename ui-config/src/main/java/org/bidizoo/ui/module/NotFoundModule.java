package org.bidizoo.ui.module;

import java.util.List;

import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;

/**
 * Answers any unknown path under {@code /bidizoo/} with a 404 page that lists the dashboard's pages and
 * links back to it. Known paths are passed on to their own routes, whatever order the modules were
 * registered in.
 */
public final class NotFoundModule extends RecordModule {
    /** The dashboard's pages. */
    static final List<String> PAGES = List.of(IndexModule.PAGE, ReconstructionModule.PAGE, HiddenTsneModule.PAGE,
            LocalLossModule.PAGE, InversionModule.PAGE);

    @Override
    public List<Route> getRoutes() {
        return List.of(new Route(IndexModule.PAGE + "/*", HttpMethod.GET, (args, rc) -> {
            String path = rc.request().path().replaceAll("/+$", "");
            if (PAGES.contains(path) || PAGES.contains(path.replaceAll("/data$", ""))
                    || path.equals(RunTimesModule.DATA)) {
                rc.next();
                return;
            }
            message(rc, 404, "Not found", "There is no page " + rc.request().path() + " on this dashboard; its pages"
                    + " are " + String.join(", ", PAGES) + ".");
        }));
    }
}
