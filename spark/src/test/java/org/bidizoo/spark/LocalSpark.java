package org.bidizoo.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** One local Spark context for a test class (Spark allows one per JVM at a time). */
final class LocalSpark {
    private LocalSpark() {
    }

    /** @param s settings (master local[N]) @return a started context; stop it in {@code @AfterAll} */
    static JavaSparkContext start(SparkSettings s) {
        return SparkContexts.create("bidizoo-test", s);
    }
}
