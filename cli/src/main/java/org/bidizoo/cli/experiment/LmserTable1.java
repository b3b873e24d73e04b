package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table 1 of seed 000: mean squared reconstruction error per pixel on the 10,000 test images after
 * τ training iterations (batch 50, Adam) for AE, Lmser(un-n), Lmser(un) and Lmser(sup), dense
 * [784, 300, 100, 10]. Each variant is trained once up to the largest τ and evaluated on the way.
 */
public final class LmserTable1 {
    /** The paper's iterations. */
    public static final int[] PAPER_ITERATIONS = {500, 5000, 20000};

    private static final Logger LOG = LoggerFactory.getLogger(LmserTable1.class);
    private static final Map<LmserVariant, double[]> PAPER = new EnumMap<>(LmserVariant.class);

    static {
        PAPER.put(LmserVariant.AE, new double[] {0.071, 0.036, 0.020});
        PAPER.put(LmserVariant.UN_N, new double[] {0.030, 0.021, 0.016});
        PAPER.put(LmserVariant.UN, new double[] {0.0067, 0.0018, 0.0006});
        PAPER.put(LmserVariant.SUP, new double[] {0.0078, 0.0025, 0.0007});
    }

    /**
     * One cell of the table.
     *
     * @param variant    the variant
     * @param iterations τ
     * @param reconMse   measured test MSE per pixel
     * @param paper      the paper's value at τ, or NaN if it reports none
     * @param seconds    training seconds up to τ
     */
    public record Row(LmserVariant variant, int iterations, double reconMse, double paper, double seconds) {
    }

    private LmserTable1() {
    }

    /**
     * @param variant    a variant
     * @param iterations τ
     * @return the paper's value, or NaN
     */
    public static double paperValue(LmserVariant variant, int iterations) {
        for (int i = 0; i < PAPER_ITERATIONS.length; i++) {
            if (PAPER_ITERATIONS[i] == iterations) {
                return PAPER.get(variant)[i];
            }
        }
        return Double.NaN;
    }

    /**
     * @param data       the dataset
     * @param settings   learning rate, decay, seed
     * @param batch      minibatch size (the paper: 50)
     * @param iterations the τ values
     * @param variants   which variants, in order
     * @param pngDir     where to write {@code <variant>-<τ>.png} reconstruction figures, or null
     * @return one row per variant and τ
     * @throws IOException if a figure cannot be written
     */
    public static List<Row> run(DataSplits data, ModelSettings settings, int batch, int[] iterations,
                                List<LmserVariant> variants, Path pngDir) throws IOException {
        int max = 0;
        for (int t : iterations) {
            max = Math.max(max, t);
        }
        List<Row> rows = new ArrayList<>();
        for (LmserVariant v : variants) {
            LmserDense m = LmserDense.paper(settings, v);
            ComputationGraph g = m.init();
            long start = System.nanoTime();
            IOException[] failure = new IOException[1];
            long[] evalNanos = {0};
            TrainingLoop.forModel(m, g, Batches.of(data.trainIterator(m.featureLayout(), batch, settings.seed())))
                    .iterations(max).listener(TrainingListener.at(iterations, s -> {
                        int it = s.iteration();
                        ComputationGraph graph = s.graph();
                        long e0 = System.nanoTime();
                        double mse = Evaluator.evaluate(m, graph, data.testIterator(m.featureLayout(), Integer.MAX_VALUE))
                                .reconMse();
                        double secs = (e0 - start - evalNanos[0]) / 1e9;
                        rows.add(new Row(v, it, mse, paperValue(v, it), secs));
                        double paper = paperValue(v, it);
                        LOG.info("{} at {} iterations: test MSE {} (paper {})", v.reportName(), it,
                                String.format("%.5f", mse), Double.isNaN(paper) ? "-" : String.valueOf(paper));
                        if (pngDir != null) {
                            try {
                                ReconstructionFigure.write(m, graph, data.test(), 16,
                                        pngDir.resolve(v.reportName() + "-" + it + ".png"));
                            } catch (IOException e) {
                                failure[0] = e;
                            }
                        }
                        evalNanos[0] += System.nanoTime() - e0;
                    })).build().run();
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        return rows;
    }
}
