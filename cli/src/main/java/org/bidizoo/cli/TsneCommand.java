package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.Report;
import org.bidizoo.cli.experiment.TsneMaps;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bidizoo tsne}: t-SNE maps of the raw input and chosen layers of a model on test images, coloured
 * by class, and the inter/intra-class distances of each layer (seed 003, Table 3.4).
 */
@Command(name = "tsne", mixinStandardHelpOptions = true,
        description = "t-SNE PNGs of the raw input and chosen layers of any ComputationGraph on test images,"
                + " coloured by class, with inter/intra-class distances per layer.")
public final class TsneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--model", required = true, paramLabel = "FILE_OR_ZOO_NAME",
            description = "A model zip (saved by 'bidizoo train' or any DL4J ComputationGraph zip) or a zoo name"
                    + " (its pretrained MNIST weights when published, else untrained).")
    String model;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "L1,L2",
            description = "Layer or vertex names of the graph, or an Lmser layer's levels as lmser/level1 ..."
                    + " (the raw input is always mapped too).")
    List<String> layers;

    @Option(names = "--points", defaultValue = "2000", description = "Test images to map (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--iterations", defaultValue = "1000", description = "t-SNE iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--perplexity", defaultValue = "30", description = "t-SNE perplexity (default: ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--trust", defaultValue = "0", paramLabel = "K",
            description = "Also score each map's trustworthiness and k-NN preservation with K neighbours against the"
                    + " layer's activations (at most 1000 query points; default: ${DEFAULT-VALUE} = off).")
    int trust;

    @Option(names = "--out", paramLabel = "DIR_OR_FILE.csv",
            description = "A FILE.csv: the map of the --layers layer as CSV x,y,label,index (several layers:"
                    + " FILE-LAYER.csv each), PNGs beside it; or a directory for the PNGs and tsne-LAYER.csv files"
                    + " (default: runs/tsne-MODEL).")
    Path out;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    SeedOption seedOption = new SeedOption(42);

    @Override
    public Integer call() throws Exception {
        Report r = TsneMaps.run(new TsneMaps.Options(model, layers, points, iterations, perplexity,
                seedOption.seed(), trust, out), datasetOption.load());
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(r.json(), r.text());
        return 0;
    }
}
