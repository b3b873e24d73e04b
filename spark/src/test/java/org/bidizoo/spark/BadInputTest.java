package org.bidizoo.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Bad settings and bad RDDs are clear errors naming the parameter, before Spark runs a task. */
class BadInputTest {
    private static JavaSparkContext sc;
    private static final SparkSettings ONE = SparkSettings.builder().master("local[1]").workers(1).batchPerWorker(4)
            .averagingFrequency(1).build();

    @BeforeAll
    static void start() {
        sc = LocalSpark.start(ONE);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static void message(Class<? extends Throwable> type, String part, org.junit.jupiter.api.function.Executable e) {
        Throwable t = assertThrows(type, e);
        assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' should name '" + part + "'");
    }

    @Test
    void settings() {
        message(IllegalArgumentException.class, "master: unknown 'locl[2]'", () -> SparkSettings.builder().master("locl[2]"));
        message(IllegalArgumentException.class, "expected local[N] with N >= 1", () -> MasterUrls.check("local[0]"));
        message(IllegalArgumentException.class, "'host' where HOST:PORT", () -> MasterUrls.check("spark://host"));
        message(IllegalArgumentException.class, "master: empty", () -> MasterUrls.check(" "));
        message(IllegalArgumentException.class, "workers = 0, expected >= 1", () -> SparkSettings.builder().workers(0));
        message(IllegalArgumentException.class, "averagingFrequency = 0, expected >= 1",
                () -> SparkSettings.builder().averagingFrequency(0));
        message(IllegalArgumentException.class, "batchPerWorker = -1", () -> SparkSettings.builder().batchPerWorker(-1));
        message(IllegalArgumentException.class, "threshold = 0.0, expected a value in (0, 1)",
                () -> SparkSettings.builder().gradientSharing(true).threshold(0));
        message(IllegalArgumentException.class, "sharingPort = 70000, expected a UDP port in 1024..65535",
                () -> SparkSettings.builder().gradientSharing(true).sharingPort(70000));
        message(IllegalArgumentException.class, "controllerAddress = ' ', expected a host name or IP address",
                () -> SparkSettings.builder().gradientSharing(true).controllerAddress(" "));
        message(IllegalArgumentException.class, "threshold, sharingPort and controllerAddress set gradient sharing, so"
                + " they need gradientSharing(true)", () -> SparkSettings.builder().threshold(1e-4).build());
        for (String ok : new String[] {"local", "local[2]", "local[*]", "local[2,3]", "spark://a:7077,b.c:7077", "yarn",
                "k8s://https://10.0.0.1:6443", "mesos://m:5050"}) {
            MasterUrls.check(ok);
        }
    }

    @Test
    void rddOfTheWrongShape() {
        BidizooModel m = ZooRegistry.create("lmser-dense");
        ComputationGraph g = m.init();
        SparkTraining t = new SparkTraining(m, g, sc, ONE);
        MultiDataSet wrongFeatures = new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.rand(DataType.FLOAT, 4, 785),
                Nd4j.rand(DataType.FLOAT, 4, 784));
        message(IllegalArgumentException.class, "training data: features: shape [4, 785], expected [4, 784]",
                () -> t.fit(sc.parallelize(List.of(wrongFeatures))));
        MultiDataSet wrongLabels = new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.rand(DataType.FLOAT, 4, 784),
                Nd4j.rand(DataType.FLOAT, 4, 10));
        message(IllegalArgumentException.class, "labels[0] has shape [4, 10], but output 'reconstruction' of"
                + " lmser-dense needs [4, 784]", () -> t.fit(sc.parallelize(List.of(wrongLabels))));
        MultiDataSet twoOutputs = m.trainingBatch(Nd4j.rand(DataType.FLOAT, 4, 784), null, null);
        BidizooModel al = ZooRegistry.create("al-mlp");
        SparkTraining alt = new SparkTraining(al, al.init(), sc, ONE);
        message(IllegalArgumentException.class, "feature arrays per minibatch, but al-mlp takes",
                () -> alt.fit(sc.parallelize(List.of(twoOutputs))));
        MultiDataSet big = new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.rand(DataType.FLOAT, 8, 784),
                Nd4j.rand(DataType.FLOAT, 8, 784));
        message(IllegalArgumentException.class, "minibatches of 8 examples, but batchPerWorker = 4",
                () -> t.fit(sc.parallelize(List.of(big))));
        message(IllegalArgumentException.class, "the RDD is empty", () -> t.fit(sc.emptyRDD()));
    }
}
