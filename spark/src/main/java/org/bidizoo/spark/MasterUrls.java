package org.bidizoo.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before Spark sees it, so a typo is named here and not in a Spark stack trace. Accepted:
 * {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} (F task failures tolerated),
 * {@code spark://HOST:PORT[,HOST:PORT...]} (standalone), {@code yarn}, {@code k8s://URL} and {@code mesos://HOST:PORT}.
 */
public final class MasterUrls {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,(\\d+))?])?");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._-]+:\\d{1,5}");
    private static final String EXPECTED = "expected local, local[N], local[*], spark://HOST:PORT, yarn, k8s://URL or"
            + " mesos://HOST:PORT";

    private MasterUrls() {
    }

    /**
     * @param master a master URL
     * @return it, trimmed
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static String check(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("master: empty, " + EXPECTED);
        }
        String m = master.trim();
        Matcher local = LOCAL.matcher(m);
        if (local.matches()) {
            if (local.group(1) != null && !local.group(1).equals("*") && Integer.parseInt(local.group(1)) < 1) {
                throw new IllegalArgumentException("master: '" + m + "' asks for " + local.group(1) + " threads,"
                        + " expected local[N] with N >= 1");
            }
            return m;
        }
        if (m.startsWith("spark://")) {
            for (String hp : m.substring("spark://".length()).split(",", -1)) {
                if (!HOST_PORT.matcher(hp).matches()) {
                    throw new IllegalArgumentException("master: '" + m + "' has '" + hp + "' where HOST:PORT was"
                            + " expected (spark://HOST:PORT[,HOST:PORT...])");
                }
            }
            return m;
        }
        if (m.equals("yarn")) {
            return m;
        }
        if (m.startsWith("k8s://") && m.length() > "k8s://".length()) {
            return m;
        }
        if (m.startsWith("mesos://") && HOST_PORT.matcher(m.substring("mesos://".length())).matches()) {
            return m;
        }
        throw new IllegalArgumentException("master: unknown '" + m + "', " + EXPECTED);
    }

    /**
     * @param master a checked master URL
     * @return the threads of a {@code local[N]} master, {@link Runtime#availableProcessors()} for {@code local[*]},
     *         1 for {@code local}, or -1 for a cluster
     */
    public static int localThreads(String master) {
        Matcher local = LOCAL.matcher(master);
        if (!local.matches()) {
            return -1;
        }
        if (local.group(1) == null) {
            return 1;
        }
        return local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(local.group(1));
    }

    /** @param master a checked master URL @return whether it runs in this JVM */
    public static boolean isLocal(String master) {
        return localThreads(master) > 0;
    }
}
