package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bidizoo.cli.experiment.JsonRows.num;

import org.bidizoo.layers.associated.AssociatedBlock;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.bidizoo.layers.associated.AssociatedNames;
import org.bidizoo.layers.updater.FastAdam;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The vanishing-gradient claim of seed 003 (§3.2.1): a deep network whose every layer is a sigmoid.
 * AL: N blocks with f_i = dense(width, sigmoid) (g_i, h_i, b_i sigmoid as always). BP: the same
 * prediction path trained end to end, f_1…f_N, b_N, h_N…h_2 sigmoid and a softmax output — 2N+1
 * layers. Both get the same optimizer, learning rate, minibatches and epochs. Also reports the norm
 * of the first layer's weight gradient at initialisation, where BP's has to cross 2N layers and
 * AL's only its own block.
 */
public final class AlVanishing {
    /**
     * @param blocks    N
     * @param width     units of every f_i, g_i and b_i
     * @param optimizer {@code sgd} or {@code adam}
     * @param lr        learning rate
     * @param inverseWeight weight of every inverse loss (with SGD, the mean over units of Eq. 2.6 is
     *                  {@code width} times weaker than the forward loss's sum)
     */
    public record Net(int blocks, int width, String optimizer, double lr, double inverseWeight) {
        /** Validates. */
        public Net {
            if (blocks < 1 || width < 1) {
                throw new IllegalArgumentException("blocks = " + blocks + ", width = " + width + ", expected >= 1");
            }
            if (!"sgd".equals(optimizer) && !"adam".equals(optimizer)) {
                throw new IllegalArgumentException("optimizer: unknown '" + optimizer + "', expected sgd or adam");
            }
            if (!(inverseWeight >= 0)) {
                throw new IllegalArgumentException("inverseWeight = " + inverseWeight + ", expected >= 0");
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("lr = " + lr + ", expected > 0");
            }
        }

        IUpdater updater() {
            return "sgd".equals(optimizer) ? new Sgd(lr) : new FastAdam(lr);
        }
    }

    /**
     * @param method              {@code al} or {@code bp}
     * @param run                 the training run
     * @param firstLayerGradNorm  ‖∂loss/∂W_{f_1}‖ at initialisation on the first minibatch (per example)
     * @param depth               sigmoid layers on the longest gradient path
     */
    public record Row(String method, AccuracyCurves.Run run, double firstLayerGradNorm, int depth) {
        /** @return the row as {@code reproduce al-vanishing} reports it */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", method);
            m.put("epochs", run.epochs());
            m.put("test_accuracy", run.testAccuracy());
            m.put("train_seconds", run.trainSeconds());
            m.put("first_layer_grad_norm", firstLayerGradNorm);
            m.put("gradient_path_layers", depth);
            m.put("curve", AccuracyCurves.toJson(run.curve()));
            return m;
        }
    }

    private AlVanishing() {
    }

    /**
     * @param net the network
     * @param s   settings (seed)
     * @param twin the BP network instead
     * @return the zoo model
     */
    public static AssociatedZooModel model(Net net, ModelSettings s, boolean twin) {
        return AssociatedZooModel.custom(s, twin ? "sigmoid-bp" : "sigmoid-al", false, twin, settings -> {
            AssociatedLearning.Builder b = AssociatedLearning.builder().inputType(InputType.feedForward(settings.inputSize()))
                    .numClasses(settings.numClasses()).seed(settings.seed()).updater(net.updater());
            for (int i = 0; i < net.blocks(); i++) {
                b.block(AssociatedBlock.builder().layer(new DenseLayer.Builder().nOut(net.width())
                        .activation(Activation.SIGMOID).build()).targetWidth(net.width()).build());
                b.lossWeight(AssociatedNames.inverseLoss(i + 1), net.inverseWeight());
            }
            return b.build();
        }, Activation.SIGMOID);
    }

    /**
     * Trains AL, then BP, each as one cell of {@code cells} (a cell another run finished is taken as it is), then
     * plots both curves into {@code out/al-vanishing-curves.png}.
     *
     * @param data  the dataset
     * @param net   the network
     * @param plan  epochs, batch, slices, seed
     * @param out   the folder of the PNG
     * @param cells where finished cells are kept (keys {@code al}, {@code bp})
     * @return the settings, the AL row then the BP row ({@link Row#toJson()}), the PNG; and the same as text
     * @throws IOException if the PNG cannot be written
     */
    public static Report run(DataSplits data, Net net, AccuracyCurves.Plan plan, Path out, CellStore cells)
            throws IOException {
        ModelSettings s = ModelSettings.builder().seed(plan.seed()).build();
        int trainExamples = Math.min(plan.trainLimit(), data.train().size());
        StringBuilder text = new StringBuilder(String.format("All-sigmoid network, %d blocks of %d (BP: %d layers), %s"
                + " %s, %d epochs on %d %s images%n", net.blocks(), net.width(), 2 * net.blocks() + 1, net.optimizer(),
                net.lr(), plan.epochs(), trainExamples, data.name()));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<AccuracyCurves.Point>> curves = new LinkedHashMap<>();
        for (String method : new String[] {"al", "bp"}) {
            Map<String, Object> row = cells.cell(method, () -> {
                AssociatedZooModel m = model(net, s, "bp".equals(method));
                ComputationGraph g = m.init();
                double norm = firstLayerGradNorm(m, g, data, plan.batch());
                AccuracyCurves.Run run = AccuracyCurves.train(m, g, data, plan);
                return new Row(method, run, norm, "bp".equals(method) ? 2 * net.blocks() + 1 : 2).toJson();
            });
            rows.add(row);
            curves.put(method, AccuracyCurves.curveOf(row));
            text.append(String.format("%s: test accuracy %.4f, %.0f s, first-layer gradient norm at init %.3g%n",
                    method, num(row, "test_accuracy"), num(row, "train_seconds"), num(row, "first_layer_grad_norm")));
        }
        Path png = out.resolve("al-vanishing-curves.png");
        AlTable31.plot((2 * net.blocks() + 1) + " sigmoid layers", curves, data.name(), png);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "al-vanishing");
        j.put("dataset", data.name());
        j.put("settings", Map.of("blocks", net.blocks(), "width", net.width(), "bp_layers", 2 * net.blocks() + 1,
                "optimizer", net.optimizer(), "lr", net.lr(), "inverse_weight", net.inverseWeight(), "batch",
                plan.batch(), "train_examples", trainExamples, "seed", plan.seed()));
        j.put("results", rows);
        j.put("png", png.toString());
        return new Report(j, text.toString().strip());
    }

    private static double firstLayerGradNorm(AssociatedZooModel m, ComputationGraph g, DataSplits data, int batch) {
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = i;
        }
        DataSet ds = new DataSet(data.train().features(idx, m.featureLayout()), data.train().oneHot(idx));
        org.nd4j.linalg.dataset.api.MultiDataSet mds = m.trainingBatch(ds.getFeatures(), ds.getLabels(), null);
        g.setInputs(mds.getFeatures());
        g.setLabels(mds.getLabels());
        g.computeGradientAndScore();
        double n = g.gradient().getGradientFor(AssociatedNames.s(1) + "_W").norm2Number().doubleValue() / batch;
        g.clearLayerMaskArrays();
        return n;
    }
}
