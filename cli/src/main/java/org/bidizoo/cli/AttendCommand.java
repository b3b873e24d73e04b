package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.LmserAttention;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.train.DataSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo attend}: seed 001's attention and imaginary recall on a trained Lmser(sup). */
@Command(name = "attend", mixinStandardHelpOptions = true,
        description = "Train an Lmser(sup), then recognise clean, occluded and noisy test digits while the net attends"
                + " (top-down pre-activation) to the right class, a wrong class, or each class in turn; writes JSON,"
                + " a PNG of imagined digits and attended codes, and a PNG of accuracy against the gain.")
public final class AttendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--variant", defaultValue = "sup", description = "sup or sup-n (default: ${DEFAULT-VALUE}).")
    String variant;
    @Option(names = "--iterations", defaultValue = "3000", description = "Training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--limit", defaultValue = "10000", description = "Test examples (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--gains", split = ",", defaultValue = "0.1,0.25,0.5,1,2",
            description = "Attention gains g (default: ${DEFAULT-VALUE}).")
    double[] gains;
    @Option(names = "--box", split = ",", defaultValue = "14,14",
            description = "Occluding box height,width at a random place (default: ${DEFAULT-VALUE}).")
    int[] box;
    @Option(names = "--noise", defaultValue = "0.5", description = "Gaussian noise sigma (default: ${DEFAULT-VALUE}).")
    double noise;
    @Option(names = "--class-mean-images", defaultValue = "10000",
            description = "Training images averaged into each class's attended code (default: ${DEFAULT-VALUE}).")
    int classMeanImages;

    @Mixin
    DatasetOption datasetOption;
    @Mixin
    SeedOption seedOption;
    @Mixin
    OutOption outOption = new OutOption("runs/attend");

    @Override
    public Integer call() throws Exception {
        String dataset = datasetOption.name();
        long seed = seedOption.seed();
        Path out = outOption.dir();
        if (box.length != 2) {
            throw new IllegalArgumentException("--box needs height,width; got " + box.length + " numbers");
        }
        LmserAttention.Options o = new LmserAttention.Options(dataset, iterations, batch, seed, limit, gains, box[0],
                box[1], noise, classMeanImages, LmserVariant.byName(variant));
        LmserAttention.Result r = LmserAttention.run(o, DataSplits.load(dataset), out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "lmser-attention");
        j.put("options", o);
        j.put("result", r);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        StringBuilder text = new StringBuilder("test accuracy of " + variant + " (" + r.dataset() + ")\n");
        for (LmserAttention.Condition c : r.conditions()) {
            text.append(String.format("%-22s plain %.4f%n", c.corruption(), c.plain()));
            for (LmserAttention.GainRow g : c.rows()) {
                text.append(String.format("   g=%-5s right %.4f  wrong %.4f  each-class softmax %.4f  synthesis %.4f%n",
                        g.gain(), g.right(), g.wrong(), g.hypothesis(), g.synthesis()));
            }
        }
        text.append("figures: ").append(r.figure()).append(", ").append(r.plot());
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString());
        return 0;
    }
}
