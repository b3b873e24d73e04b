/** The CLI's Spark backend: {@code bidizoo train MODEL --spark MASTER} (compiled against the CLI, which never depends on Spark). */
package org.bidizoo.spark.cli;
