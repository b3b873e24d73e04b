package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.cli.experiment.ReconstructionFigure;
import org.bidizoo.zoo.train.SavedModels;
import org.bidizoo.zoo.train.TrainedModel;
import org.bidizoo.zoo.model.LmserConv;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.Evaluator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo demo}: the README's main job. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fetch MNIST if needed, train the convolutional Lmser(sup) for a few minutes, print its test"
                + " reconstruction error and accuracy, and write reconstructions.png.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--iterations", defaultValue = "6000",
            description = "Training iterations, 5 epochs at batch 50 (default: ${DEFAULT-VALUE}; about 2 minutes).")
    int iterations;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    OutOption outOption = new OutOption("runs/demo");

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        Path out = outOption.dir();
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations = " + iterations + ", expected >= 1");
        }
        DataSplits data = DataSplits.load(dataset);
        LmserConv m = LmserConv.paper(ModelSettings.builder().build(), LmserVariant.SUP);
        TrainedModel tm = TrainedModel.train(m, data, iterations, 50, 12345);
        Evaluation ev = Evaluator.evaluate(m, tm.graph(), data.testIterator(m.featureLayout(), Integer.MAX_VALUE));
        Path png = out.resolve("reconstructions.png");
        ReconstructionFigure.write(m, tm.graph(), data.test(), 16, png);
        Path file = out.resolve("model.zip");
        SavedModels.save(m, tm.graph(), data.name(), file);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", "lmser-conv");
        j.put("variant", "sup");
        j.put("dataset", data.name());
        j.put("iterations", iterations);
        j.put("train_seconds", tm.trainSeconds());
        j.put("recon_mse", ev.reconMse());
        j.put("test_accuracy", ev.accuracy());
        j.put("png", png.toString());
        j.put("model_file", file.toString());
        String text = String.format("convolutional Lmser(sup) on %s, %d iterations (%.0f s): test reconstruction MSE"
                        + " %.5f per pixel, test accuracy %.2f%%%nwrote %s and %s", data.name(), iterations,
                tm.trainSeconds(), ev.reconMse(), 100 * ev.accuracy(), png, file);
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text);
        return 0;
    }
}
