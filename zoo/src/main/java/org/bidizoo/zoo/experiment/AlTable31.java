package org.bidizoo.zoo.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.zoo.image.LinePlot;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;

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
     */
    public record Row(String model, String method, AccuracyCurves.Run run, double paper, long effective) {
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
     * @param data   the dataset
     * @param model  {@code mlp} or {@code cnn}
     * @param s      settings
     * @param plan   epochs, batch, slices
     * @param pngDir where to write {@code al-<model>-curves.png}
     * @return the AL row, then the BP row
     * @throws IOException if the PNG cannot be written
     */
    public static List<Row> run(DataSplits data, String model, ModelSettings s, AccuracyCurves.Plan plan, Path pngDir)
            throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String method : new String[] {"al", "bp"}) {
            AssociatedZooModel m = zooModel(model, s, "bp".equals(method));
            ComputationGraph g = m.init();
            long effective = m.isTwin() ? g.numParams() : AssociatedNetwork.of(g).effectiveParameterCount();
            rows.add(new Row(model, method, AccuracyCurves.train(m, g, data, plan), paper(model, method), effective));
        }
        plot(rows, data.name(), pngDir.resolve("al-" + model + "-curves.png"));
        return rows;
    }

    /**
     * Training (solid) and test (dashed) accuracy against epochs, AL red and BP blue, as Fig. 3.3.
     *
     * @param rows    rows with curves
     * @param dataset dataset name for the title
     * @param file    the PNG
     * @throws IOException if it cannot be written
     */
    public static void plot(List<Row> rows, String dataset, Path file) throws IOException {
        LinePlot p = new LinePlot("Associated Learning (red) vs backprop (blue), " + rows.get(0).model() + ", "
                + dataset + "; solid: train, dashed: test", "epoch", "accuracy");
        for (Row r : rows) {
            List<AccuracyCurves.Point> c = r.run().curve();
            double[] x = new double[c.size()];
            double[] tr = new double[c.size()];
            double[] te = new double[c.size()];
            for (int i = 0; i < c.size(); i++) {
                x[i] = c.get(i).epoch();
                tr[i] = c.get(i).trainAccuracy();
                te[i] = c.get(i).testAccuracy();
            }
            int color = "al".equals(r.method()) ? 0 : 1;
            p.add(new LinePlot.Series(r.method().toUpperCase() + " train", x, tr, color, false));
            p.add(new LinePlot.Series(r.method().toUpperCase() + " test", x, te, color, true));
        }
        p.write(file);
    }
}
