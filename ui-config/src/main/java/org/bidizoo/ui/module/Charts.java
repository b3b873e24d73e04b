package org.bidizoo.ui.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The charting library of the dashboard's pages: Apache ECharts from its WebJar on the classpath, which
 * DL4J's UI server serves under {@code /assets/webjars/} (so the pages work offline, from the jar).
 */
public final class Charts {
    /** The WebJar's version, read from its Maven metadata. */
    public static final String VERSION = version();
    /** The script's path on the UI server. */
    public static final String SCRIPT = "/assets/webjars/echarts/" + VERSION + "/dist/echarts.min.js";
    /** The script's classpath resource. */
    public static final String RESOURCE = "META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

    private Charts() {
    }

    private static String version() {
        String path = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
        try (InputStream in = Charts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar (org.webjars.npm:echarts) is not on the classpath: "
                        + path + " is missing; the dashboard's charts need it");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
