package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bidizoo.cli.image.LinePlot;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.lmser.LmserLayer;
import org.bidizoo.layers.lmser.LmserStacks;
import org.bidizoo.layers.lmser.Pairing;
import org.bidizoo.layers.lmser.PerceptionLmserLayerImpl;
import org.bidizoo.layers.lmser.xu.DenseStack;
import org.bidizoo.layers.lmser.xu.KnownCovariance;
import org.bidizoo.layers.lmser.xu.LinearLmserRule;
import org.bidizoo.layers.lmser.xu.OjaSubspaceRule;
import org.bidizoo.layers.lmser.xu.Perception;
import org.bidizoo.layers.lmser.xu.PerceptionResult;
import org.bidizoo.layers.lmser.xu.SubspaceRule;
import org.bidizoo.layers.lmser.xu.SubspaceTraining;
import org.bidizoo.layers.lmser.xu.SymmetryBrokenLmserRule;
import org.bidizoo.zoo.train.Batches;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingListener;
import org.bidizoo.zoo.train.TrainingLoop;
import org.bidizoo.zoo.train.TrainingState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossL2;

/**
 * Seed 001's figures: (1) J_net along the perception iterations (Theorem 1) on random weights and on
 * an MNIST Lmser trained by the local LMSER rule, beside the same net trained by backprop through one
 * reflection; (2) Oja's subspace rule against the LMSER rule and the symmetry-broken LMSER rule on data
 * with a known covariance: the largest principal angle to the leading eigenvectors against samples seen.
 */
public final class LmserXuFigures {
    private LmserXuFigures() {
    }

    /**
     * @param dataset      mnist or fashion-mnist
     * @param hidden       dense level sizes of the perception Lmser, e.g. 300, 100
     * @param iterations   SGD iterations of the local rule (and of the backprop twin)
     * @param batch        minibatch size
     * @param rate         SGD learning rate
     * @param tolerance    perception tolerance while training
     * @param maxIter      perception iteration cap while training
     * @param seed         seed
     * @param eigenvalues  eigenvalues of the synthetic covariance
     * @param units        units of the linear layer (≤ dimension)
     * @param pcaRate      learning rate of the linear rules
     * @param pcaBatch     samples per step
     * @param pcaSteps     steps
     * @param pcaSeeds     seeds averaged
     */
    public record Options(String dataset, int[] hidden, int iterations, int batch, double rate, double tolerance,
                          int maxIter, long seed, double[] eigenvalues, int units, double pcaRate, int pcaBatch,
                          int pcaSteps, int pcaSeeds) {
        /** Validates. */
        public Options {
            if (hidden.length < 1 || iterations < 1 || batch < 1 || !(rate > 0) || units < 1
                    || units >= eigenvalues.length || !(pcaRate > 0) || pcaBatch < 1 || pcaSteps < 1 || pcaSeeds < 1) {
                throw new IllegalArgumentException("hidden = " + java.util.Arrays.toString(hidden) + ", iterations = "
                        + iterations + ", batch = " + batch + ", rate = " + rate + ", units = " + units + " (dimension "
                        + eigenvalues.length + "), pcaRate = " + pcaRate + ", pcaBatch = " + pcaBatch + ", pcaSteps = "
                        + pcaSteps + ", pcaSeeds = " + pcaSeeds + "; expected positive values and units < dimension");
            }
        }
    }

    /**
     * @param label       which weights
     * @param iterations  perception iterations taken to the tolerance
     * @param converged   whether the tolerance was met before the cap
     * @param energy      mean J_net after the bottom-up pass and after each iteration
     * @param monotone    whether J_net never rose (up to 1e-9 relative)
     */
    public record EnergyRun(String label, int iterations, boolean converged, double[] energy, boolean monotone) {
    }

    /**
     * @param rule          rule name
     * @param samples       samples seen
     * @param meanAngle     largest principal angle, mean over seeds, degrees
     * @param meanUnitAngle angle of unit i to eigenvector i, mean over units and seeds, degrees (true PCA)
     * @param finalColumns  per unit, mean over seeds of its final angle to its own eigenvector, degrees
     */
    public record RuleCurve(String rule, long[] samples, double[] meanAngle, double[] meanUnitAngle,
                            double[] finalColumns) {
    }

    /**
     * @param localRuleMse      test reconstruction MSE per pixel after training by the local rule
     * @param backpropMse       the same for backprop through one reflection (same net, same SGD)
     * @param untrainedMse      the same before training
     * @param meanIterations    mean perception iterations per training forward pass
     * @param energies          J_net trajectories
     * @param curves            Oja vs LMSER curves
     * @param energyPng         the J_net figure
     * @param rulesPng          the rules figure
     */
    public record Result(double untrainedMse, double localRuleMse, double backpropMse, double meanIterations,
                         List<EnergyRun> energies, List<RuleCurve> curves, String energyPng, String rulesPng) {
    }

    /**
     * @param o    options
     * @param data the dataset
     * @param out  directory for the PNGs
     * @return the measurements
     * @throws IOException if a PNG cannot be written
     */
    public static Result run(Options o, DataSplits data, Path out) throws IOException {
        int n = data.train().featureSize();
        ComputationGraph local = graph(o, n, true);
        ComputationGraph backprop = graph(o, n, false);
        backprop.params().assign(local.params());
        int[] testIdx = new int[Math.min(1000, data.test().size())];
        for (int i = 0; i < testIdx.length; i++) {
            testIdx[i] = i;
        }
        INDArray test = data.test().features(testIdx, FeatureLayout.FLAT).castTo(DataType.DOUBLE);
        double untrained = mse(local, test);
        DenseStack localStack = stack(local);
        EnergyRun initial = energy("untrained (Xavier) weights", localStack, test.getRows(range(64)));
        double meanIter = train(local, o, data, true);
        train(backprop, o, data, false);
        List<EnergyRun> energies = new ArrayList<>();
        energies.add(initial);
        energies.add(energy("trained by the local rule", localStack, test.getRows(range(64))));
        energies.add(energy("trained by backprop", stack(backprop), test.getRows(range(64))));
        Nd4j.getRandom().setSeed(o.seed());
        energies.add(energy("random, weights x3", scaled(localStack, 3.0), test.getRows(range(64))));
        Path energyPng = out.resolve("jnet.png");
        LinePlot p = new LinePlot("Theorem 1: J_net along the perception phase (64 test images)", "iteration",
                "log10 (J_t - J_final) / (J_0 - J_final)");
        for (int i = 0; i < energies.size(); i++) {
            double[] e = energies.get(i).energy();
            int m = Math.max(1, e.length - 1);
            double[] x = new double[m];
            double[] y = new double[m];
            double span = e[0] - e[e.length - 1];
            for (int t = 0; t < m; t++) {
                x[t] = t;
                y[t] = span > 0 ? Math.log10(Math.max(1e-14, (e[t] - e[e.length - 1]) / span)) : 0;
            }
            p.add(new LinePlot.Series(energies.get(i).label(), x, y, i, false));
        }
        p.write(energyPng);
        List<RuleCurve> curves = rules(o);
        Path rulesPng = out.resolve("oja-vs-lmser.png");
        LinePlot q = new LinePlot("Oja vs LMSER on N(0, Σ), " + o.units() + " of " + o.eigenvalues().length
                + " dims (mean of " + o.pcaSeeds() + " seeds)", "samples seen", "largest principal angle (deg)");
        for (int i = 0; i < curves.size(); i++) {
            RuleCurve c = curves.get(i);
            q.add(new LinePlot.Series(c.rule(), java.util.Arrays.stream(c.samples()).asDoubleStream().toArray(),
                    c.meanAngle(), i, false));
        }
        for (int i = 1; i < curves.size(); i++) {
            RuleCurve c = curves.get(i);
            q.add(new LinePlot.Series(c.rule() + ": unit i vs eigvec i", java.util.Arrays.stream(c.samples())
                    .asDoubleStream().toArray(), c.meanUnitAngle(), i, true));
        }
        q.write(rulesPng);
        return new Result(untrained, mse(local, test), mse(backprop, test), meanIter, energies, curves,
                energyPng.toString(), rulesPng.toString());
    }

    private static ComputationGraph graph(Options o, int n, boolean perception) {
        LmserLayer.Builder l = LmserLayer.builder().denseLevels(o.hidden()).activation(Activation.SIGMOID)
                .codeActivation(Activation.SIGMOID).outputActivation(Activation.SIGMOID).pairing(Pairing.NET_INPUT)
                .biases(true);
        if (perception) {
            l.perception(o.tolerance(), o.maxIter());
        }
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(o.seed()).updater(new Sgd(o.rate())).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("lmser", l.build(), "in")
                .addLayer("loss", new LossLayer.Builder(new LossL2(Nd4j.valueArrayOf(new long[] {1, n}, 0.5)))
                        .activation(Activation.IDENTITY).build(), "lmser")
                .setOutputs("loss").setInputTypes(InputType.feedForward(n)).build());
        g.init();
        return g;
    }

    private static DenseStack stack(ComputationGraph g) {
        org.deeplearning4j.nn.api.Layer l = g.getLayer("lmser");
        return LmserStacks.of((LmserLayer) l.conf().getLayer(), l.paramTable());
    }

    /**
     * Trains through the {@link TrainingLoop}: minibatches of the training images as their own targets, in double
     * precision, with plain SGD (the graph's updater).
     *
     * @return mean perception iterations per forward pass for the perception net, 0 otherwise
     */
    private static double train(ComputationGraph g, Options o, DataSplits data, boolean perception) {
        long[] iters = {0};
        TrainingLoop.builder(perception ? "local LMSER rule" : "backprop", g,
                        Batches.of(data.trainIterator(FeatureLayout.FLAT, o.batch(), o.seed())))
                .batchFactory((m, i) -> {
                    INDArray x = m.getFeatures(0).castTo(DataType.DOUBLE);
                    return new org.nd4j.linalg.dataset.MultiDataSet(x, x);
                })
                .listener(new TrainingListener() {
                    @Override
                    public void onIteration(TrainingState s) {
                        if (perception) {
                            iters[0] += ((PerceptionLmserLayerImpl) s.graph().getLayer("lmser")).lastPerception()
                                    .iterations();
                        }
                    }
                })
                .iterations(o.iterations()).build().run();
        return iters[0] / (double) o.iterations();
    }

    private static double mse(ComputationGraph g, INDArray x) {
        INDArray d = g.outputSingle(x).sub(x);
        return d.mul(d).meanNumber().doubleValue();
    }

    private static EnergyRun energy(String label, DenseStack s, INDArray x) {
        PerceptionResult r = Perception.discrete(1e-8, 500).run(s, x, true);
        double[] e = r.energy();
        boolean mono = true;
        for (int i = 1; i < e.length; i++) {
            mono &= e[i] <= e[i - 1] + 1e-9 * (1 + Math.abs(e[i - 1]));
        }
        return new EnergyRun(label, r.iterations(), r.converged(), e, mono);
    }

    private static DenseStack scaled(DenseStack s, double factor) {
        List<INDArray> w = new ArrayList<>();
        for (int k = 0; k < s.levels(); k++) {
            w.add(Nd4j.randn(DataType.DOUBLE, s.weight(k).shape()).muli(factor / Math.sqrt(s.weight(k).size(0))));
        }
        return new DenseStack(w, null, null, Activation.SIGMOID, Activation.SIGMOID, Activation.SIGMOID);
    }

    private static List<RuleCurve> rules(Options o) {
        KnownCovariance data = new KnownCovariance(o.seed(), o.eigenvalues());
        double[] gains = new double[o.units()];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = 1.0 - 0.5 * i / Math.max(1, gains.length - 1);
        }
        SubspaceRule[] rules = {new OjaSubspaceRule(), new LinearLmserRule(), new SymmetryBrokenLmserRule(gains)};
        List<RuleCurve> curves = new ArrayList<>();
        int every = Math.max(1, o.pcaSteps() / 50);
        for (SubspaceRule r : rules) {
            double[] mean = null;
            double[] unit = null;
            long[] samples = null;
            double[] cols = new double[o.units()];
            for (int s = 0; s < o.pcaSeeds(); s++) {
                Nd4j.getRandom().setSeed(o.seed() + s);
                INDArray w0 = Nd4j.randn(DataType.DOUBLE, o.eigenvalues().length, o.units()).muli(0.1);
                SubspaceTraining.Curve c = SubspaceTraining.run(r, w0, data, new Random(o.seed() + s), o.pcaRate(),
                        o.pcaBatch(), o.pcaSteps(), every);
                if (mean == null) {
                    mean = new double[c.largestAngle().length];
                    unit = new double[mean.length];
                    samples = c.samples();
                }
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += c.largestAngle()[i] / o.pcaSeeds();
                    unit[i] += java.util.Arrays.stream(c.columnAngles()[i]).average().orElse(0) / o.pcaSeeds();
                }
                double[] last = c.columnAngles()[c.columnAngles().length - 1];
                for (int i = 0; i < cols.length; i++) {
                    cols[i] += last[i] / o.pcaSeeds();
                }
            }
            curves.add(new RuleCurve(r.name(), samples, mean, unit, cols));
        }
        return curves;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
