package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.layers.associated.AssociatedNames;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.LmserModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.SavedModels;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graph to map with t-SNE, from a file (a bidizoo model, or any DL4J ComputationGraph zip) or a zoo
 * name (its pretrained MNIST weights when published, else freshly initialised).
 */
public final class LayerMapModels {
    private static final Logger LOG = LoggerFactory.getLogger(LayerMapModels.class);

    private LayerMapModels() {
    }

    /**
     * @param name    a display name
     * @param graph   the graph
     * @param layout  its input layout
     * @param weights where the weights came from: a file, "pretrained ID" or "untrained"
     */
    public record Loaded(String name, ComputationGraph graph, FeatureLayout layout, String weights) {
    }

    /**
     * @param fileOrZooName a model zip or a zoo model name
     * @return the graph and its input layout
     * @throws IOException if the file cannot be read
     */
    public static Loaded load(String fileOrZooName) throws IOException {
        Path file = Path.of(fileOrZooName);
        if (Files.isRegularFile(file)) {
            try {
                SavedModels.Loaded l = SavedModels.load(file);
                return new Loaded(l.spec().name(), l.spec().inferenceGraph(l.graph()), l.spec().featureLayout(),
                        file.toString());
            } catch (IOException e) {
                LOG.info("{} has no bidizoo metadata; reading it as a plain ComputationGraph", file);
            }
            ComputationGraph g = inferenceGraph(ModelSerializer.restoreComputationGraph(file.toFile(), false));
            return new Loaded(file.getFileName().toString(), g, layoutOf(g), file.toString());
        }
        if (!ZooRegistry.all().containsKey(fileOrZooName)) {
            throw new IllegalArgumentException("--model '" + fileOrZooName + "' is neither a file nor a zoo model; zoo"
                    + " models are " + ZooRegistry.all().keySet());
        }
        BidizooModel spec = ZooRegistry.create(fileOrZooName, null, ModelSettings.builder().build());
        String variant = spec instanceof LmserModel l ? l.variant().cliName() : "";
        try {
            ComputationGraph g = spec.initPretrained(PretrainedType.MNIST);
            return new Loaded(spec.name(), spec.inferenceGraph(g), spec.featureLayout(), "pretrained " + spec.name()
                    + (variant.isEmpty() ? "" : " " + variant) + " mnist");
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("{}: no pretrained weights ({}); mapping the untrained model", spec.name(), e.getMessage());
            return new Loaded(spec.name(), spec.inferenceGraph(spec.init()), spec.featureLayout(), "untrained");
        }
    }

    /** An Associated Learning training graph (inputs features and labels) becomes its prediction path. */
    private static ComputationGraph inferenceGraph(ComputationGraph g) {
        List<String> inputs = g.getConfiguration().getNetworkInputs();
        if (inputs.equals(List.of(AssociatedNames.FEATURES, AssociatedNames.LABELS))) {
            LOG.info("two inputs {}: mapping the Associated Learning prediction path", inputs);
            return AssociatedNetwork.of(g).prediction();
        }
        return g;
    }

    /** NCHW when a vertex reading the input is a convolution without an input preprocessor, else flat. */
    private static FeatureLayout layoutOf(ComputationGraph g) {
        var conf = g.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        for (var e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(input) && conf.getVertices().get(e.getKey()) instanceof LayerVertex lv
                    && lv.getPreProcessor() == null && lv.getLayerConf().getLayer() instanceof ConvolutionLayer) {
                return FeatureLayout.NCHW;
            }
        }
        return FeatureLayout.FLAT;
    }
}
