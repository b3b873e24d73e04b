package org.bidizoo.ui.module;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.ui.storage.Json;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsReport;

/**
 * {@code /bidizoo/run/data}: the start time and total runtime of the newest run that DL4J's
 * {@code StatsListener} reports on ({@code {"startTime": "yyyy-MM-dd HH:mm:ss", "totalRuntime": "1 h 02 min
 * 03 s"}}, empty strings before the first report). DL4J M2.1's overview page has rows for both but never
 * fills them; {@link TrainPagesLink} adds a script to that page that fills them from here.
 */
public final class RunTimesModule extends RecordModule {
    /** Path of the data route. */
    public static final String DATA = IndexModule.PAGE + "/run/data";

    @Override
    public List<Route> getRoutes() {
        return List.of(new Route(DATA, HttpMethod.GET, (args, rc) -> json(rc, Json.write(times()))));
    }

    /** @return startTime and totalRuntime of the newest StatsListener run (empty strings if there is none) */
    Map<String, String> times() {
        long start = -1;
        long runtime = -1;
        long newest = -1;
        for (StatsStorage s : storages()) {
            for (String session : s.listSessionIDs()) {
                for (String worker : s.listWorkerIDsForSessionAndType(session, StatsListener.TYPE_ID)) {
                    Persistable last = s.getLatestUpdate(session, StatsListener.TYPE_ID, worker);
                    Persistable init = s.getStaticInfo(session, StatsListener.TYPE_ID, worker);
                    if (last instanceof StatsReport r && init != null && r.getTimeStamp() > newest) {
                        newest = r.getTimeStamp();
                        start = init.getTimeStamp();
                        runtime = r.getTotalRuntimeMs();
                    }
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("startTime", start < 0 ? "" : new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date(start)));
        out.put("totalRuntime", runtime < 0 ? "" : duration(runtime));
        return out;
    }

    /** @param ms milliseconds @return e.g. {@code 2 min 05 s} or {@code 1 h 02 min 05 s} */
    public static String duration(long ms) {
        long s = ms / 1000;
        long h = s / 3600;
        long m = s / 60 % 60;
        return h > 0 ? String.format("%d h %02d min %02d s", h, m, s % 60)
                : m > 0 ? String.format("%d min %02d s", m, s % 60) : String.format("%d s", s % 60);
    }
}
