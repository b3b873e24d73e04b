package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bidizoo.cli.experiment.JsonRows.num;
import org.bidizoo.cli.image.LinePlot;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.layers.associated.AssociatedNames;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.zoo.analysis.activations.LayerActivations;
import org.bidizoo.zoo.analysis.metrics.ClassDistances;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.train.WeightsExporter;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.SavedModels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Table 3.1 of seed 003 (Wu's thesis): test accuracy of Associated Learning and of its backprop
 * twin (equal effective parameters) on MNIST, MLP and CNN. The thesis trains 200 epochs with
 * batch 32 and Adam 1e-4; here the epochs are whatever the CPU allows, both methods get the same.
 */
public final class AlTable31 {
    /**
     * One row.
     *
     * @param model        {@code mlp} or {@code cnn}
     * @param method       {@code al} or {@code bp}
     * @param run          the training run (accuracy, seconds, curve)
     * @param paper        the thesis' test accuracy
     * @param effective    effective parameters (AL) or all parameters (BP)
     * @param distances    Table 3.4's class distances of the raw input and each prediction-path layer,
     *                     on the test slice, input side first
     * @param saved        the trained model's zip, or {@code null} when not saved
     * @param exported     the registry entry of its exported weights, or {@code null}
     */
    public record Row(String model, String method, AccuracyCurves.Run run, double paper, long effective,
                      List<LayerDistances> distances, Path saved, PretrainedEntry exported) {
        /**
         * @param stages the pipelined trainer's threads for AL ({@code 0}: {@code fit})
         * @return the row as {@code reproduce al} reports it
         */
        public Map<String, Object> toJson(int stages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("method", method);
            m.put("epochs", run.epochs());
            m.put("test_accuracy", run.testAccuracy());
            m.put("train_seconds", run.trainSeconds());
            m.put("paper", paper);
            m.put("parameters", run.parameters());
            m.put("effective_parameters", effective);
            m.put("curve", AccuracyCurves.toJson(run.curve()));
            m.put("trainer", "bp".equals(method) || stages == 0 ? "fit" : "pipelined-" + stages);
            List<Map<String, Object>> dist = new ArrayList<>();
            for (LayerDistances d : distances) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("layer", d.layer());
                dm.put("inter", d.distances().inter());
                dm.put("intra", d.distances().intra());
                dm.put("ratio", d.distances().ratio());
                dist.add(dm);
            }
            m.put("distances", dist);
            if (exported != null) {
                m.put("export", WeightsExporter.toJson(exported));
            }
            if (saved != null) {
                m.put("model_file", saved.toString());
            }
            return m;
        }
    }

    /**
     * @param layer     vertex name ({@code features}: the raw input)
     * @param distances inter- and intra-class distances and their ratio
     */
    public record LayerDistances(String layer, ClassDistances distances) {
    }

    /**
     * How to run.
     *
     * @param stages threads of the pipelined trainer for AL ({@code 0}: the ordinary {@code fit} on
     *               the whole training graph)
     * @param saveDir where to save the trained models as {@code al-<model>-<method>.zip}, without
     *                updater state ({@code null}: not saved)
     * @param exportDir where to write registry-ready weights of both models ({@link WeightsExporter};
     *                  {@code null}: none)
     * @param command the command line recorded in exported entries
     */
    public record Options(int stages, Path saveDir, Path exportDir, String command) {
        /** Validates. */
        public Options {
            if (stages < 0) {
                throw new IllegalArgumentException("stages = " + stages + ": expected 0 (fit) or >= 1 threads");
            }
        }
    }

    private AlTable31() {
    }

    /**
     * @param model {@code mlp} or {@code cnn}
     * @param method {@code al} or {@code bp}
     * @return the thesis' MNIST test accuracy
     */
    public static double paper(String model, String method) {
        boolean al = "al".equals(method);
        return "mlp".equals(model) ? (al ? 0.987 : 0.986) : (al ? 0.995 : 0.994);
    }

    /**
     * @param model {@code mlp} or {@code cnn}
     * @param s     settings (seed, learning rate)
     * @param twin  the backprop twin
     * @return the zoo model
     */
    public static AssociatedZooModel zooModel(String model, ModelSettings s, boolean twin) {
        return switch (model) {
            case "mlp" -> AssociatedZooModel.mlp(s, twin);
            case "cnn" -> AssociatedZooModel.cnn(s, twin);
            default -> throw new IllegalArgumentException("model: unknown '" + model + "', expected mlp or cnn");
        };
    }

    /**
     * Trains AL, then its backprop twin, each as one cell of {@code cells} (a cell another run finished is taken as
     * it is), then plots both curves into {@code out/al-<model>-curves.png}.
     *
     * @param data    the dataset
     * @param model   {@code mlp} or {@code cnn}
     * @param s       settings (seed, learning rate)
     * @param plan    epochs, batch, slices
     * @param options trainer and saving
     * @param out     the folder of the PNG
     * @param cells   where finished cells are kept (keys {@code al}, {@code bp})
     * @return the settings, the AL row then the BP row ({@link Row#toJson}), the PNG; and the same as text
     * @throws IOException if the PNG or a model cannot be written
     */
    public static Report run(DataSplits data, String model, ModelSettings s, AccuracyCurves.Plan plan,
                             Options options, Path out, CellStore cells) throws IOException {
        StringBuilder text = new StringBuilder(String.format("Table 3.1 (%s, %s, %d epochs, test accuracy; thesis after"
                + " 200 epochs in brackets)%n", data.name(), model, plan.epochs()));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<AccuracyCurves.Point>> curves = new LinkedHashMap<>();
        for (String method : new String[] {"al", "bp"}) {
            Map<String, Object> r = cells.cell(method, () -> one(data, model, method, s, plan, options)
                    .toJson(options.stages()));
            rows.add(r);
            curves.put(method, AccuracyCurves.curveOf(r));
            text.append(String.format("%-3s %s  %.4f  [%.3f]  %.0f s, %s parameters (%s effective)%n", model, method,
                    num(r, "test_accuracy"), num(r, "paper"), num(r, "train_seconds"), r.get("parameters"),
                    r.get("effective_parameters")));
            text.append("    inter:intra ratio on ").append(Math.min(plan.evalLimit(), data.test().size()))
                    .append(" test images:");
            for (Map<String, Object> d : JsonRows.rows(r, "distances")) {
                text.append(String.format(" %s %.3f", d.get("layer"), num(d, "ratio")));
            }
            text.append(System.lineSeparator());
        }
        Path png = out.resolve("al-" + model + "-curves.png");
        plot(model, curves, data.name(), png);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "al-table3.1");
        j.put("dataset", data.name());
        j.put("settings", Map.of("batch", plan.batch(), "lr", s.learningRate(AssociatedZooModel.DEFAULT_LEARNING_RATE),
                "optimizer", "adam", "seed", plan.seed(), "train_examples", Math.min(plan.trainLimit(),
                        data.train().size()), "al_lr_default", AssociatedZooModel.DEFAULT_LEARNING_RATE));
        j.put("results", rows);
        j.put("png", png.toString());
        return new Report(j, text.toString().strip());
    }

    private static Row one(DataSplits data, String model, String method, ModelSettings s, AccuracyCurves.Plan plan,
                           Options options) throws IOException {
        AssociatedZooModel m = zooModel(model, s, "bp".equals(method));
        ComputationGraph g = m.init();
        long effective = m.isTwin() ? g.numParams() : AssociatedNetwork.of(g).effectiveParameterCount();
        AccuracyCurves.Run run = m.isTwin() || options.stages() == 0 ? AccuracyCurves.train(m, g, data, plan)
                : AccuracyCurves.trainPipelined(m, g, data, plan, options.stages());
        Path saved = null;
        if (options.saveDir() != null) {
            saved = options.saveDir().resolve("al-" + model + "-" + method + ".zip");
            SavedModels.save(m, g, data.name(), saved, false);
        }
        PretrainedEntry exported = null;
        if (options.exportDir() != null) {
            // the run already measured the whole test set; no second pass over it
            Evaluation ev = new Evaluation(data.test().size(), Double.NaN, run.testAccuracy());
            exported = WeightsExporter.export(m, g, data.name(), ev, options.command(), run.trainSeconds(),
                    options.exportDir());
        }
        return new Row(model, method, run, paper(model, method), effective, distances(m, g, data, plan.evalLimit()),
                saved, exported);
    }

    /**
     * Table 3.4's metafeature quality: inter- and intra-class distances of the raw input and of every
     * prediction-path layer ({@link AssociatedZooModel#metafeatureLayers}) on the first test images.
     *
     * @param m      the zoo model (AL or twin)
     * @param graph  its trained graph
     * @param data   the dataset
     * @param points test images to measure on
     * @return input first, then the layers in order
     */
    public static List<LayerDistances> distances(AssociatedZooModel m, ComputationGraph graph, DataSplits data,
                                                 int points) {
        int n = Math.min(points, data.test().size());
        DataSet test = ImageDataSetIterator.builder(data.test()).layout(m.featureLayout()).batchSize(n).firstN(n).build()
                .next();
        List<String> layers = m.metafeatureLayers();
        Map<String, INDArray> acts = LayerActivations.of(m.inferenceGraph(graph), test.getFeatures(), layers);
        List<LayerDistances> out = new ArrayList<>();
        out.add(new LayerDistances(AssociatedNames.FEATURES, ClassDistances.of(test.getFeatures(), test.getLabels())));
        for (String l : layers) {
            out.add(new LayerDistances(l, ClassDistances.of(acts.get(l), test.getLabels())));
        }
        return out;
    }

    /**
     * Training (solid) and test (dashed) accuracy against epochs, AL red and BP blue, as Fig. 3.3.
     *
     * @param model   model description for the title
     * @param curves  curves by method ({@code al}: red, else blue)
     * @param dataset dataset name for the title
     * @param file    the PNG
     * @throws IOException if it cannot be written
     */
    public static void plot(String model, Map<String, List<AccuracyCurves.Point>> curves, String dataset, Path file)
            throws IOException {
        LinePlot p = new LinePlot("AL (red) vs BP (blue), " + model + ", " + dataset + "; solid: train, dashed: test",
                "epoch", "accuracy");
        for (Map.Entry<String, List<AccuracyCurves.Point>> r : curves.entrySet()) {
            List<AccuracyCurves.Point> c = r.getValue();
            double[] x = new double[c.size()];
            double[] tr = new double[c.size()];
            double[] te = new double[c.size()];
            for (int i = 0; i < c.size(); i++) {
                x[i] = c.get(i).epoch();
                tr[i] = c.get(i).trainAccuracy();
                te[i] = c.get(i).testAccuracy();
            }
            int color = "al".equals(r.getKey()) ? 0 : 1;
            p.add(new LinePlot.Series(r.getKey().toUpperCase() + " train", x, tr, color, false));
            p.add(new LinePlot.Series(r.getKey().toUpperCase() + " test", x, te, color, true));
        }
        p.write(file);
    }
}
