package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A PNG of test images (top row) and a model's reconstructions of them (bottom row). */
public final class ReconstructionFigure {
    private ReconstructionFigure() {
    }

    /**
     * @param spec  the zoo model (must reconstruct)
     * @param graph its graph
     * @param test  test images; the first {@code n} are shown
     * @param n     how many
     * @param file  the PNG
     * @throws IOException if it cannot be written
     */
    public static void write(BidizooModel spec, ComputationGraph graph, LabeledImages test, int n, Path file)
            throws IOException {
        if (!spec.reconstructs()) {
            throw new IllegalArgumentException("model " + spec.name() + " does not reconstruct");
        }
        int[] idx = new int[Math.min(n, test.size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        FeatureLayout layout = spec.featureLayout();
        INDArray x = test.features(idx, layout);
        INDArray recon = graph.output(false, x)[spec.reconstructionOutput()];
        ImageGrid.write(file, List.of(x, recon), test.channels(), test.height(), test.width(), 2);
    }

    /**
     * A {@link org.bidizoo.zoo.train.TrainingRun.Figure}: 16 test images and their reconstructions in
     * {@code reconstructions.png}, for a model that reconstructs.
     *
     * @param spec  the zoo model
     * @param graph the trained graph
     * @param data  the splits
     * @param dir   the run folder
     * @return the PNG, or null if the model does not reconstruct
     * @throws IOException if it cannot be written
     */
    public static Path intoFolder(BidizooModel spec, ComputationGraph graph, org.bidizoo.zoo.train.DataSplits data,
                                  Path dir) throws IOException {
        if (!spec.reconstructs()) {
            return null;
        }
        Path png = dir.resolve("reconstructions.png");
        write(spec, graph, data.test(), 16, png);
        return png;
    }
}
