package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.cli.image.LinePlot;
import org.bidizoo.datasets.corrupt.Corruption;
import org.bidizoo.datasets.corrupt.GaussianNoise;
import org.bidizoo.datasets.corrupt.Occlusion;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.lmser.LmserLayerImpl;
import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserStacks;
import org.bidizoo.layers.lmser.xu.DenseStack;
import org.bidizoo.layers.lmser.xu.TopDownAttention;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Seed 001's attention "(e)" and imaginary recall "(d)" on a trained Lmser(sup) (dense
 * [784, 300, 100, 10], the label units are the top code): occluded and noisy test digits are
 * recognised with the lower levels pre-activated by the top-down signal of a class's mean code
 * ({@link TopDownAttention}), attending to the right class, to a wrong one, or to each class in turn
 * (the label-free "hypothesis" reading: the class whose attention its own softmax confirms most).
 */
public final class LmserAttention {
    private LmserAttention() {
    }

    /**
     * @param dataset        mnist or fashion-mnist
     * @param iterations     training iterations of the Lmser(sup)
     * @param batch          minibatch size
     * @param seed           seed of weights, shuffling, corruptions and wrong classes
     * @param limit          test examples
     * @param gains          attention gains g to try ({@code > 0})
     * @param boxHeight      occluding box height (random position)
     * @param boxWidth       occluding box width
     * @param noise          Gaussian noise σ of the noisy condition (clipped to [0, 1])
     * @param classMeanImages training images whose codes give each class's mean code
     * @param variant        sup (paired neurons) or sup-n (none: the top code alone drives the top-down pass)
     */
    public record Options(String dataset, int iterations, int batch, long seed, int limit, double[] gains,
                          int boxHeight, int boxWidth, double noise, int classMeanImages, LmserVariant variant) {
        /** Validates. */
        public Options {
            if (variant == null || !variant.supervised()) {
                throw new IllegalArgumentException("variant = " + (variant == null ? null : variant.cliName())
                        + ", expected sup or sup-n (attention needs label units)");
            }
            if (iterations < 1 || batch < 1 || limit < 1 || classMeanImages < 10) {
                throw new IllegalArgumentException("iterations = " + iterations + ", batch = " + batch + ", limit = "
                        + limit + ", classMeanImages = " + classMeanImages
                        + "; expected >= 1 (classMeanImages >= 10)");
            }
            for (double g : gains) {
                if (!(g > 0) || Double.isInfinite(g)) {
                    throw new IllegalArgumentException("gains: " + g + " is not a finite number > 0");
                }
            }
            if (!(noise > 0)) {
                throw new IllegalArgumentException("noise = " + noise + ", expected > 0");
            }
        }
    }

    /**
     * @param gain       g
     * @param right      accuracy attending to the true class
     * @param wrong      accuracy attending to a random wrong class
     * @param hypothesis label-free accuracy: argmax over c of p(c | x attending to c)
     * @param synthesis  label-free accuracy: the c whose attended code, imagined back down, best matches the
     *                   visible pixels (analysis by synthesis)
     */
    public record GainRow(double gain, double right, double wrong, double hypothesis, double synthesis) {
    }

    /**
     * @param corruption name of the condition
     * @param plain      accuracy without attention
     * @param rows       one per gain
     */
    public record Condition(String corruption, double plain, List<GainRow> rows) {
    }

    /**
     * @param dataset      dataset
     * @param trainSeconds training time
     * @param conditions   clean, occluded, noisy
     * @param figure       PNG of imagined digits and attended codes
     * @param plot         PNG of accuracy against gain
     */
    public record Result(String dataset, double trainSeconds, List<Condition> conditions, String figure, String plot) {
    }

    /**
     * @param o    options
     * @param data the dataset
     * @param out  directory for the PNGs
     * @return the accuracies
     * @throws IOException if a PNG cannot be written
     */
    public static Result run(Options o, DataSplits data, Path out) throws IOException {
        ModelSettings s = ModelSettings.builder().seed(o.seed()).build();
        TrainedModel m = TrainedModel.train(ZooRegistry.create("lmser-dense", o.variant(), s), data,
                o.iterations(), o.batch(), o.seed());
        LmserLayerImpl layer = Generation.lmserLayer(m.graph());
        DenseStack stack = LmserStacks.of((LmserLayer) layer.conf().getLayer(), layer.paramTable());
        int classes = data.test().numClasses();
        INDArray means = classMeans(stack, data.train(), o.classMeanImages(), classes);
        int n = Math.min(o.limit(), data.test().size());
        int[] idx = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            labels[i] = data.test().label(i);
        }
        INDArray clean = data.test().features(idx, FeatureLayout.FLAT).castTo(stack.weight(0).dataType());
        LabeledImages t = data.test();
        Map<String, Corruption> corruptions = new LinkedHashMap<>();
        corruptions.put("clean", null);
        corruptions.put("occluded " + o.boxHeight() + "x" + o.boxWidth(),
                new Occlusion(t.channels(), t.height(), t.width(), o.boxHeight(), o.boxWidth(), -1, -1, 0f));
        corruptions.put("noise sigma=" + o.noise(), new GaussianNoise(o.noise(), true));
        Random rnd = new Random(o.seed());
        int[] wrong = new int[n];
        for (int i = 0; i < n; i++) {
            wrong[i] = (labels[i] + 1 + rnd.nextInt(classes - 1)) % classes;
        }
        List<Condition> conditions = new ArrayList<>();
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, Corruption> c : corruptions.entrySet()) {
            INDArray x = clean;
            INDArray visible = Nd4j.onesLike(clean);
            if (c.getValue() != null) {
                org.bidizoo.datasets.corrupt.Corrupted cor = c.getValue().apply(clean, o.seed());
                x = cor.input().reshape(n, clean.size(1)).castTo(clean.dataType());
                if (c.getValue() instanceof Occlusion) {
                    visible = cor.mask().reshape(n, clean.size(1)).castTo(clean.dataType()).rsub(1.0);
                }
            }
            inputs.put(c.getKey(), x);
            double[][] acc = evaluate(stack, x, visible, means, labels, wrong, o.gains());
            List<GainRow> rows = new ArrayList<>();
            for (int gi = 0; gi < o.gains().length; gi++) {
                rows.add(new GainRow(o.gains()[gi], acc[1][gi], acc[2][gi], acc[3][gi], acc[4][gi]));
            }
            double plain = acc[0][0];
            conditions.add(new Condition(c.getKey(), plain, rows));
        }
        Path figure = out.resolve("attend.png");
        writeFigure(figure, stack, means, inputs, labels, wrong, o.gains()[o.gains().length / 2], t);
        Path plot = out.resolve("attend-accuracy.png");
        writePlot(plot, conditions);
        return new Result(data.name(), m.trainSeconds(), conditions, figure.toString(), plot.toString());
    }

    /** @return {@code [classes, n_L]}: the mean top code of each class over the first images of the training set */
    static INDArray classMeans(DenseStack stack, LabeledImages train, int images, int classes) {
        int n = Math.min(images, train.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        INDArray x = train.features(idx, FeatureLayout.FLAT).castTo(stack.weight(0).dataType());
        INDArray codes = TopDownAttention.attend(stack, x, Nd4j.zeros(x.dataType(), n, stack.size(stack.levels())), 0);
        INDArray means = Nd4j.zeros(x.dataType(), classes, codes.size(1));
        int[] count = new int[classes];
        for (int i = 0; i < n; i++) {
            means.getRow(train.label(i)).addi(codes.getRow(i));
            count[train.label(i)]++;
        }
        for (int c = 0; c < classes; c++) {
            if (count[c] == 0) {
                throw new IllegalArgumentException("classMeanImages = " + images + " holds no image of class " + c
                        + "; use more images");
            }
            means.getRow(c).divi(count[c]);
        }
        return means;
    }

    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final int CHUNK = 500;

    /**
     * Accuracies over chunks of the test set, each chunk's temporaries in a workspace (ND4J frees
     * off-heap arrays only on garbage collection, which a few large passes outrun).
     *
     * @return rows plain (one value), right, wrong, hypothesis, synthesis (one value per gain)
     */
    private static double[][] evaluate(DenseStack stack, INDArray x, INDArray visible, INDArray means, int[] labels,
                                       int[] wrong, double[] gains) {
        double[][] hits = {new double[1], new double[gains.length], new double[gains.length],
            new double[gains.length], new double[gains.length]};
        int n = labels.length;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            int[] lab = java.util.Arrays.copyOfRange(labels, from, to);
            int[] wr = java.util.Arrays.copyOfRange(wrong, from, to);
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, "lmser-attention")) {
                INDArray xc = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                INDArray vc = visible.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                INDArray right = means.getRows(lab);
                hits[0][0] += accuracy(TopDownAttention.attend(stack, xc, right, 0), lab) * lab.length;
                for (int gi = 0; gi < gains.length; gi++) {
                    double g = gains[gi];
                    hits[1][gi] += accuracy(TopDownAttention.attend(stack, xc, right, g), lab) * lab.length;
                    hits[2][gi] += accuracy(TopDownAttention.attend(stack, xc, means.getRows(wr), g), lab) * lab.length;
                    hits[3][gi] += hypothesis(stack, xc, means, g, lab) * lab.length;
                    hits[4][gi] += synthesis(stack, xc, vc, means, g, lab) * lab.length;
                }
            }
        }
        for (double[] row : hits) {
            for (int i = 0; i < row.length; i++) {
                row[i] /= n;
            }
        }
        return hits;
    }

    private static double accuracy(INDArray codes, int[] labels) {
        INDArray pred = codes.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10)).argMax(1);
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            ok += pred.getInt(i) == labels[i] ? 1 : 0;
        }
        return ok / (double) labels.length;
    }

    /** Attends to each class c in turn; predicts the c whose own softmax probability is highest. */
    private static double hypothesis(DenseStack stack, INDArray x, INDArray means, double gain, int[] labels) {
        int n = (int) x.size(0);
        int classes = (int) means.size(0);
        INDArray score = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int c = 0; c < classes; c++) {
            int[] rows = new int[n];
            java.util.Arrays.fill(rows, c);
            INDArray logits = TopDownAttention.attend(stack, x, means.getRows(rows), gain)
                    .get(NDArrayIndex.all(), NDArrayIndex.interval(0, classes)).castTo(DataType.DOUBLE);
            INDArray p = Nd4j.nn().softmax(logits, 1);
            score.getColumn(c).assign(p.getColumn(c));
        }
        INDArray pred = score.argMax(1);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            ok += pred.getInt(i) == labels[i] ? 1 : 0;
        }
        return ok / (double) n;
    }

    /** Attends to each class c in turn; predicts the c whose imagined code best matches the visible pixels. */
    private static double synthesis(DenseStack stack, INDArray x, INDArray visible, INDArray means, double gain,
                                    int[] labels) {
        int n = (int) x.size(0);
        int classes = (int) means.size(0);
        INDArray err = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int c = 0; c < classes; c++) {
            int[] rows = new int[n];
            java.util.Arrays.fill(rows, c);
            INDArray code = TopDownAttention.attend(stack, x, means.getRows(rows), gain);
            INDArray d = TopDownAttention.imagine(stack, code).subi(x).muli(visible);
            err.getColumn(c).assign(d.muli(d).sum(1).castTo(DataType.DOUBLE));
        }
        INDArray pred = err.neg().argMax(1);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            ok += pred.getInt(i) == labels[i] ? 1 : 0;
        }
        return ok / (double) n;
    }

    private static void writeFigure(Path file, DenseStack stack, INDArray means, Map<String, INDArray> inputs,
                                    int[] labels, int[] wrong, double gain, LabeledImages t) throws IOException {
        int show = Math.min(10, labels.length);
        int[] first = new int[show];
        int[] lab = new int[show];
        int[] wr = new int[show];
        for (int i = 0; i < show; i++) {
            first[i] = i;
            lab[i] = labels[i];
            wr[i] = wrong[i];
        }
        List<INDArray> rows = new ArrayList<>();
        rows.add(TopDownAttention.imagine(stack, means));
        for (INDArray x : inputs.values()) {
            INDArray xs = x.getRows(first);
            rows.add(xs);
            rows.add(TopDownAttention.imagine(stack, TopDownAttention.attend(stack, xs, means.getRows(lab), 0)));
            rows.add(TopDownAttention.imagine(stack, TopDownAttention.attend(stack, xs, means.getRows(lab), gain)));
            rows.add(TopDownAttention.imagine(stack, TopDownAttention.attend(stack, xs, means.getRows(wr), gain)));
        }
        ImageGrid.write(file, rows, t.channels(), t.height(), t.width(), 2);
    }

    private static void writePlot(Path file, List<Condition> conditions) throws IOException {
        LinePlot p = new LinePlot("Lmser(sup) attention (seed 001 (e))", "gain g", "test accuracy");
        int color = 0;
        for (Condition c : conditions) {
            if (c.corruption().equals("clean")) {
                continue;
            }
            double[] g = c.rows().stream().mapToDouble(GainRow::gain).toArray();
            double[] gz = new double[g.length + 1];
            System.arraycopy(g, 0, gz, 1, g.length);
            p.add(new LinePlot.Series(c.corruption() + ": right", gz, with(c.plain(), c.rows().stream()
                    .mapToDouble(GainRow::right).toArray()), color, false));
            p.add(new LinePlot.Series(c.corruption() + ": wrong", gz, with(c.plain(), c.rows().stream()
                    .mapToDouble(GainRow::wrong).toArray()), color, true));
            p.add(new LinePlot.Series(c.corruption() + ": each class, softmax", gz, with(c.plain(), c.rows().stream()
                    .mapToDouble(GainRow::hypothesis).toArray()), color + 1, false));
            p.add(new LinePlot.Series(c.corruption() + ": each class, synthesis", gz, with(c.plain(), c.rows()
                    .stream().mapToDouble(GainRow::synthesis).toArray()), color + 1, true));
            color += 2;
        }
        p.write(file);
    }

    private static double[] with(double first, double[] rest) {
        double[] v = new double[rest.length + 1];
        v[0] = first;
        System.arraycopy(rest, 0, v, 1, rest.length);
        return v;
    }
}
