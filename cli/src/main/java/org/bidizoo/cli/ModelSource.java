package org.bidizoo.cli;

import java.nio.file.Path;

import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainedModel;
import org.bidizoo.zoo.model.ZooRegistry;

import picocli.CommandLine.Option;

/** Where an experiment's model comes from: a saved file, or trained now. */
public final class ModelSource {
    @Option(names = "--from", description = "A model file saved by 'bidizoo train' (default: train one now).")
    Path from;

    @Option(names = "--iterations", defaultValue = "3000",
            description = "Iterations when training now (default: ${DEFAULT-VALUE}).")
    int iterations;

    /**
     * @param model   zoo model name (ignored with --from)
     * @param options training options
     * @param data    the dataset
     * @return the trained or loaded model
     * @throws Exception if the file cannot be read
     */
    TrainedModel obtain(String model, TrainOptions options, DataSplits data) throws Exception {
        if (from != null) {
            TrainedModel m = TrainedModel.load(from);
            if (!m.dataset().equals(data.name())) {
                throw new IllegalArgumentException("--from " + from + " was trained on " + m.dataset() + " but --dataset is "
                        + data.name());
            }
            return m;
        }
        if (model == null) {
            throw new IllegalArgumentException("--model is required unless --from is given");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations = " + iterations + ", expected >= 1");
        }
        return TrainedModel.train(ZooRegistry.create(model, options.variantOrNull(), options.settings()), data, iterations,
                options.batch, options.seed.seed());
    }
}
