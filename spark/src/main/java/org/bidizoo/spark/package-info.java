/**
 * Training bidizoo zoo models on Apache Spark through DL4J's dl4j-spark: {@link org.bidizoo.spark.SparkTraining} (the
 * library entry, parameter averaging), {@link org.bidizoo.spark.SparkSettings}, {@link org.bidizoo.spark.SparkContexts},
 * training RDDs from the verified data files ({@link org.bidizoo.spark.TrainingRdds}) and a whole run
 * ({@link org.bidizoo.spark.SparkTrainJob}).
 */
package org.bidizoo.spark;
