package org.bidizoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.FineTuneComparison;
import org.bidizoo.cli.experiment.FineTuneComparison.Method;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.layers.lmser.LmserOutput;
import org.bidizoo.zoo.finetune.LmserClassifier;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.pretrained.PretrainedRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.deeplearning4j.util.ModelSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bidizoo finetune}: a classifier on a pretrained Lmser (DL4J TransferLearning: new head, encoder
 * frozen or not) trained on few labels of a dataset, beside the same network trained from scratch.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a pretrained Lmser as a classifier on N labeled images (new head, encoder frozen"
                + " or trained) and compare with the same network trained from scratch on the same images.")
public final class FinetuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--pretrained", defaultValue = "lmser-conv-un/MNIST_V1",
            description = "Pretrained entry id, see 'bidizoo pretrained list' (default: ${DEFAULT-VALUE}).")
    String pretrained;
    @Option(names = "--labels", defaultValue = "1000",
            description = "Labeled training images, balanced over classes (default: ${DEFAULT-VALUE}).")
    int labels;
    @Option(names = "--epochs", defaultValue = "50", description = "Passes over the labeled images (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--features", defaultValue = "hidden",
            description = "What the new head reads: hidden (every level's activity) or code (the top code alone)"
                    + " (default: ${DEFAULT-VALUE}).")
    String features;
    @Option(names = "--hidden", defaultValue = "128",
            description = "ReLU units in the new head, 0 for a softmax layer alone (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--methods", split = ",", defaultValue = "finetune-frozen,finetune-all,scratch",
            description = "What to train: finetune-frozen, finetune-all, scratch (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Mixin
    DatasetOption datasetOption = new DatasetOption("fashion-mnist");
    @Mixin
    SeedOption seedOption = new SeedOption(1);
    @Mixin
    OutOption outOption = new OutOption("runs/finetune");

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        long seed = seedOption.seed();
        Path out = outOption.dir();
        if (!(lr > 0)) {
            throw new IllegalArgumentException("--lr = " + lr + ", expected > 0");
        }
        List<Method> ms = new ArrayList<>();
        for (String m : methods) {
            ms.add(Method.byName(m));
        }
        PretrainedEntry entry = PretrainedRegistry.byId(pretrained);
        DataSplits data = DataSplits.load(dataset);
        LmserOutput f = switch (features) {
            case "hidden" -> LmserOutput.HIDDEN;
            case "code" -> LmserOutput.CODE;
            default -> throw new IllegalArgumentException("--features = " + features + ", expected hidden or code");
        };
        LmserClassifier.Builder recipe = LmserClassifier.builder().numClasses(data.train().numClasses()).features(f)
                .hidden(hidden)
                .updater(new org.bidizoo.layers.updater.FastAdam(lr)).seed(seed);
        List<FineTuneComparison.Result> rs = FineTuneComparison.run(entry, data, labels, epochs, batch, recipe, seed, ms);
        Files.createDirectories(out);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s -> %s, %d labels, %d epochs, %s features%n",
                entry.id(), data.name(), labels, epochs, features));
        for (FineTuneComparison.Result r : rs) {
            Path file = out.resolve(r.method().cliName() + ".zip");
            ModelSerializer.writeModel(r.graph(), file.toFile(), false);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("method", r.method().cliName());
            j.put("labels", r.labels());
            j.put("epochs", r.epochs());
            j.put("iterations", r.iterations());
            j.put("test_accuracy", r.testAccuracy());
            j.put("train_seconds", r.trainSeconds());
            j.put("trainable_parameters", r.trainableParams());
            j.put("model_file", file.toString());
            results.add(j);
            text.append(String.format(Locale.ROOT, "%-16s test accuracy %.2f%% (%d trainable parameters, %.1f s)%n",
                    r.method().cliName(), 100 * r.testAccuracy(), r.trainableParams(), r.trainSeconds()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("pretrained", entry.id());
        j.put("dataset", data.name());
        j.put("labels", labels);
        j.put("features", features);
        j.put("hidden", hidden);
        j.put("lr", lr);
        j.put("seed", seed);
        j.put("results", results);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().stripTrailing());
        return 0;
    }
}
