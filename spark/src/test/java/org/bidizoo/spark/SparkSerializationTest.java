package org.bidizoo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.TrainingStep;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Every zoo model — so every custom layer, vertex and loss (Lmser's stacks and pairings, Associated Learning's
 * blocks, bridges, stop-gradient vertices and local losses, the invertible network and its semi-supervised losses) —
 * survives what DL4J's Spark workers do with it: the configuration, parameters and updater state broadcast as
 * {@link NetBroadcastTuple} through Spark's Java and Kryo (with ND4J's registrator) serializers, the copy rebuilt
 * as {@code ParameterAveragingTrainingWorker} rebuilds it, and a training minibatch (labels, label masks) shipped
 * the same way. The configuration's JSON, the outputs and the minibatch's arrays are equal after the round trip.
 * A model above {@value #ARRAYS_UP_TO} parameters whose every vertex, layer, loss and activation class an earlier
 * model already brought through is skipped (it is said on stderr). The others above that size send only their configuration through
 * the serializers and rebuild with their own arrays: ND4J's Java serialization reads an array a float at a time
 * (65 s for al-mlp's 25M parameters), and arrays are arrays — the smaller models cover their serialization.
 */
class SparkSerializationTest {
    private static final SerializerInstance JAVA = new JavaSerializer(new SparkConf()).newInstance();
    private static final SerializerInstance KRYO = new KryoSerializer(SparkContexts.conf("ser",
            SparkSettings.builder().master("local[1]").build())).newInstance();

    /** Models with more parameters send only their configuration through the serializers (see above). */
    static final long ARRAYS_UP_TO = 2_000_000;

    /** @return every registry model (each Lmser variant), and a narrow Associated Learning MLP first */
    static List<BidizooModel> everyModel() {
        List<BidizooModel> r = new ArrayList<>();
        r.add(ParameterAveragingEquivalenceTest.smallAl());
        for (String name : ZooRegistry.all().keySet()) {
            boolean cifar = name.startsWith("al-vgg") || name.startsWith("al-resnet");
            ModelSettings s = cifar ? ModelSettings.builder().inputShape(3, 32, 32).build()
                    : ModelSettings.builder().build();
            if (ZooRegistry.all().get(name).hasVariants()) {
                for (LmserVariant v : LmserVariant.values()) {
                    r.add(ZooRegistry.create(name, v, s));
                }
            } else {
                r.add(ZooRegistry.create(name, null, s));
            }
        }
        return r;
    }

    @Test
    void everyModelSurvivesJavaAndKryo() {
        List<BidizooModel> models = new ArrayList<>(everyModel());
        models.sort(java.util.Comparator.comparingLong(m -> m.conf().getVertices().size()));
        Set<String> covered = new TreeSet<>();
        for (BidizooModel m : models) {
            long t0 = System.nanoTime();
            Set<String> kinds = kinds(m.conf());
            ComputationGraph g;
            if (covered.containsAll(kinds) && (g = m.init()).numParams() > ARRAYS_UP_TO) {
                System.err.printf("%s %s: %d parameters, every layer, vertex, loss and activation kind already"
                        + " tested%n", m.name(), m.variantName(), g.numParams());
                continue;
            }
            covered.addAll(kinds);
            g = m.init();
            MultiDataSet batch = batch(m, 3);
            if (g.numParams() <= ARRAYS_UP_TO) {
                // a non-trivial updater state (an RBM's step is its pretraining)
                TrainingStep.forModel(m).fit(g, List.of(batch).iterator(), 0);
            }
            INDArray x = batch.getFeatures(0);
            INDArray[] want = m.outputs(g, x);
            INDArray[] wantTraining = g.output(false, batch.getFeatures());
            for (SerializerInstance ser : new SerializerInstance[] {JAVA, KRYO}) {
                String what = m.name() + " " + m.variantName() + " via " + ser.getClass().getSimpleName();
                boolean arrays = g.numParams() <= ARRAYS_UP_TO;
                NetBroadcastTuple t = arrays ? roundTrip(ser, new NetBroadcastTuple(g.getConfiguration(), g.params(),
                        g.getUpdater().getStateViewArray()), NetBroadcastTuple.class)
                        : new NetBroadcastTuple(roundTrip(ser, g.getConfiguration(),
                                ComputationGraphConfiguration.class), g.params(), g.getUpdater().getStateViewArray());
                assertEquals(g.getConfiguration().toJson(), t.getGraphConfiguration().toJson(), what);
                ComputationGraph copy = new ComputationGraph(t.getGraphConfiguration().clone());
                copy.init(t.getParameters().unsafeDuplication(), false);
                copy.setUpdater(new ComputationGraphUpdater(copy, t.getUpdaterState().unsafeDuplication()));
                assertEquals(g.getUpdater().getStateViewArray(), copy.getUpdater().getStateViewArray(), what);
                assertOutputsEqual(what, want, m.outputs(copy, x));
                assertOutputsEqual(what + " (training graph)", wantTraining, copy.output(false, batch.getFeatures()));

                MultiDataSet b = roundTrip(ser, batch, MultiDataSet.class);
                assertArraysEqual(what + " features", batch.getFeatures(), b.getFeatures());
                assertArraysEqual(what + " labels", batch.getLabels(), b.getLabels());
                assertArraysEqual(what + " label masks", batch.getLabelsMaskArrays(), b.getLabelsMaskArrays());
            }
            System.err.printf("%s %s: %d parameters, %.1f s%n", m.name(), m.variantName(), g.numParams(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * @param c a configuration
     * @return the classes of its vertices, layers, losses and activations
     */
    static Set<String> kinds(ComputationGraphConfiguration c) {
        Set<String> r = new TreeSet<>();
        for (GraphVertex v : c.getVertices().values()) {
            r.add(v.getClass().getName());
            if (v instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                r.add(l.getClass().getName());
                if (l instanceof BaseLayer b && b.getActivationFn() != null) {
                    r.add(b.getActivationFn().getClass().getName());
                }
                if (l instanceof BaseOutputLayer o) {
                    r.add(o.getLossFn().getClass().getName());
                }
                if (l instanceof LossLayer o) {
                    r.add(o.getLossFn().getClass().getName());
                }
            }
        }
        return r;
    }

    /** A training minibatch of n examples; semi-supervised (a label mask) for models that classify with masks. */
    static MultiDataSet batch(BidizooModel m, int n) {
        int[] s = m.settings().inputShape();
        INDArray x = m.featureLayout() == org.bidizoo.datasets.image.FeatureLayout.FLAT
                ? Nd4j.rand(DataType.FLOAT, n, (long) s[0] * s[1] * s[2]) : Nd4j.rand(DataType.FLOAT, n, s[0], s[1], s[2]);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, m.settings().numClasses());
        for (int r = 0; r < n; r++) {
            y.putScalar(r, r % m.settings().numClasses(), 1);
        }
        INDArray mask = m.name().startsWith("inversion") ? Nd4j.create(new float[] {1, 0, 1}, n, 1) : null;
        return m.trainingBatch(x, y, mask);
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(SerializerInstance ser, T o, Class<T> type) {
        ClassTag<T> tag = (ClassTag<T>) ClassTag$.MODULE$.apply(type);
        ByteBuffer bytes = ser.serialize(o, tag);
        return ser.deserialize(bytes, tag);
    }

    private static void assertOutputsEqual(String what, INDArray[] want, INDArray[] got) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i].shape(), got[i].shape(), what + " output " + i);
            assertEquals(0.0, want[i].sub(got[i]).amaxNumber().doubleValue(), 1e-6, what + " output " + i);
        }
    }

    private static void assertArraysEqual(String what, INDArray[] want, INDArray[] got) {
        if (want == null) {
            assertEquals(null, got, what);
            return;
        }
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], what + " " + i);
        }
    }
}
