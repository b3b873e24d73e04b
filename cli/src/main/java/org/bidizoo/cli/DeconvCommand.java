package org.bidizoo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.DeconvFigure;
import org.bidizoo.cli.experiment.LayerMapModels;
import org.bidizoo.cli.experiment.Report;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.analysis.deconv.BackwardRule;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainedModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bidizoo deconv}: Zeiler and Fergus's deconvnet figure for one convolution layer of a trained CNN
 * (seed 004, "Deconvolutional neural networks"): the test images that activate each feature map most, and
 * their projections to pixels by unpooling at the max-pool switches, ReLU and the transposed filters.
 */
@Command(name = "deconv", mixinStandardHelpOptions = true,
        description = "Deconvnet visualization of a convolution layer: for its most active feature maps, the --top"
                + " test images that activate each most and their projections to pixels (max-pool switches, ReLU,"
                + " transposed filters), as one PNG (a row per map: images, then projections) and a JSON file.")
public final class DeconvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    TrainOptions train;
    @Mixin
    ModelSource source;

    @Option(names = "--model", paramLabel = "FILE_OR_ZOO_NAME",
            description = "A model zip (saved by 'bidizoo train', or any DL4J ComputationGraph or MultiLayerNetwork"
                    + " of convolution, max-pooling and activation layers) or a zoo name such as cnn (trained now for"
                    + " --iterations, or read with --from).")
    String model;

    @Option(names = "--layer", required = true, paramLabel = "L",
            description = "The convolution layer to project: its name (cnn: conv0 ... conv3) or its index.")
    String layer;

    @Option(names = "--top", defaultValue = "9", description = "Test images per feature map (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--maps", defaultValue = "16",
            description = "Feature maps to show, the most active first (default: ${DEFAULT-VALUE}).")
    int maps;

    @Option(names = "--images", defaultValue = "10000",
            description = "Test images to search, from the first (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--rule", defaultValue = "deconvnet", description = "How ReLUs pass the projection down: deconvnet"
            + " (ReLU on the signal, Zeiler and Fergus), backprop (the gradient) or guided (both) (default:"
            + " ${DEFAULT-VALUE}).")
    String rule;

    @Option(names = "--whole-map", description = "Project each image's whole feature map instead of its strongest unit"
            + " (default: the strongest unit, as Zeiler and Fergus).")
    boolean wholeMap;

    @Mixin
    OutOption outOption = new OutOption("runs/deconv");

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new IllegalArgumentException("--top = " + top + ": expected >= 1 images per feature map");
        }
        if (maps < 1) {
            throw new IllegalArgumentException("--maps = " + maps + ": expected >= 1 feature maps");
        }
        BackwardRule r;
        try {
            r = BackwardRule.byName(rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        Path out = outOption.dir();
        DataSplits data = train.dataset.load();
        LayerMapModels.Loaded m = load(data);
        Report report;
        try {
            report = DeconvFigure.run(m.name(), m.weights(), m.graph(), m.layout(), data.test(), data.name(), layer, top,
                    maps, images, r, wholeMap, out);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg.startsWith("layer") ? "--" + msg : msg, e);
        }
        AtomicFiles.writeString(Path.of((String) report.json().get("json")), Output.toJson(report.json()));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(report.json(), report.text());
        return 0;
    }

    private LayerMapModels.Loaded load(DataSplits data) throws Exception {
        if (source.from != null) {
            TrainedModel t = source.obtain(model, train, data);
            return new LayerMapModels.Loaded(t.spec().name(), t.spec().inferenceGraph(t.graph()),
                    t.spec().featureLayout(), source.from.toString());
        }
        if (model == null) {
            throw new IllegalArgumentException("--model is required: a model zip or a zoo name (one of "
                    + ZooRegistry.all().keySet() + "), or --from FILE");
        }
        Path file = Path.of(model);
        if (Files.isRegularFile(file)) {
            return loadFile(file);
        }
        if (!ZooRegistry.all().containsKey(model)) {
            throw new IllegalArgumentException("--model '" + model + "': no such file, and not a zoo model; expected a"
                    + " model zip or a zoo name, one of " + ZooRegistry.all().keySet());
        }
        TrainedModel t = source.obtain(model, train, data);
        return new LayerMapModels.Loaded(t.spec().name(), t.spec().inferenceGraph(t.graph()), t.spec().featureLayout(),
                "trained now, " + t.iterations() + " iterations");
    }

    /** A bidizoo model or a plain ComputationGraph zip (through LayerMapModels), or a MultiLayerNetwork zip. */
    private static LayerMapModels.Loaded loadFile(Path file) throws IOException {
        try {
            return LayerMapModels.load(file.toString());
        } catch (RuntimeException | IOException graphFailed) {
            try {
                MultiLayerNetwork n = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
                ComputationGraph g = n.toComputationGraph();
                return new LayerMapModels.Loaded(file.getFileName().toString(), g, FeatureLayout.NCHW, file.toString());
            } catch (RuntimeException | IOException e) {
                throw new IllegalArgumentException("--model " + file + ": not a readable DL4J model zip ("
                        + graphFailed.getMessage() + "); expected a ComputationGraph or MultiLayerNetwork saved by"
                        + " ModelSerializer", e);
            }
        }
    }
}
