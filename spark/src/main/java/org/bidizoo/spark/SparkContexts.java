package org.bidizoo.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Makes the {@link JavaSparkContext} bidizoo trains with: Kryo with ND4J's registrator (arrays are off-heap and need
 * it) and a 1 GB Kryo buffer (a model's parameters and updater state travel in one object); for a local master, no
 * Spark web UI and the driver on the loopback address; for gradient sharing, the Aeron timeout executors need
 * ({@link AeronTimeouts}). Checks first that the JVM opens the JDK packages Spark 3.3
 * needs on Java 17, naming the options if not.
 */
public final class SparkContexts {
    /** The resource listing the JVM options (the parent POM's {@code bidizoo.jvm.opens}). */
    static final String JVM_OPTIONS = "/org/bidizoo/spark/jvm-options.txt";

    private SparkContexts() {
    }

    /**
     * @param appName the application's name in Spark
     * @param s       settings (master, serializer)
     * @return a running context; stop it when done (one per JVM)
     * @throws IllegalStateException if the JVM lacks the options Spark needs on Java 17 (the message lists them)
     */
    public static JavaSparkContext create(String appName, SparkSettings s) {
        return new JavaSparkContext(conf(appName, s));
    }

    /**
     * @param appName the application's name in Spark
     * @param s       settings (master, serializer)
     * @return the configuration {@link #create} uses
     */
    public static SparkConf conf(String appName, SparkSettings s) {
        requireOpenJdk();
        SparkConf c = new SparkConf().setAppName(appName).setMaster(s.master());
        if (s.kryo()) {
            c.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
            c.set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
            c.set("spark.kryoserializer.buffer.max", "1g");
        }
        if (s.gradientSharing()) {
            String opts = c.get("spark.executor.extraJavaOptions", "");
            if (!opts.contains(AeronTimeouts.PROPERTY)) {
                c.set("spark.executor.extraJavaOptions", (opts + " " + AeronTimeouts.executorOption()).trim());
            }
        }
        if (MasterUrls.isLocal(s.master())) {
            c.set("spark.ui.enabled", "false");
            c.set("spark.driver.host", "127.0.0.1");
            c.set("spark.driver.bindAddress", "127.0.0.1");
        }
        return c;
    }

    /** @return the JVM options Spark needs on Java 17, as the launcher passes them */
    public static String jvmOptions() {
        try (InputStream in = SparkContexts.class.getResourceAsStream(JVM_OPTIONS)) {
            if (in == null) {
                throw new IllegalStateException(JVM_OPTIONS + " is missing from the bidizoo-spark jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + JVM_OPTIONS + ": " + e.getMessage(), e);
        }
    }

    private static void requireOpenJdk() {
        Module ours = SparkContexts.class.getModule();
        for (String pkg : new String[] {"java.nio", "sun.nio.ch", "java.lang.invoke", "java.util"}) {
            if (!Object.class.getModule().isOpen(pkg, ours)) {
                throw new IllegalStateException("Spark needs the JDK package " + pkg + " opened on Java 17: start the"
                        + " JVM with " + jvmOptions() + " (./bidizoo adds them for --spark; spark-submit adds them"
                        + " itself)");
            }
        }
    }
}
