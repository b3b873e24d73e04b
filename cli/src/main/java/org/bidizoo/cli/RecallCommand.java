package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.Recall;
import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.datasets.corrupt.Corrupted;
import org.bidizoo.datasets.corrupt.Occlusion;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo recall}: associative recall of occluded test images, per variant. */
@Command(name = "recall", mixinStandardHelpOptions = true,
        description = "Occlude test images, recall them through Lmser variants, and measure the error on the hidden"
                + " pixels; writes a PNG of occluded / recalled (one row per variant) / true images.")
public final class RecallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    TrainOptions train;

    @Option(names = "--model", defaultValue = "lmser-dense", description = "lmser-dense or lmser-conv (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--variants", split = ",", defaultValue = "un,un-n,ae",
            description = "Variants to train and compare (default: ${DEFAULT-VALUE}).")
    List<String> variants;
    @Option(names = "--iterations", defaultValue = "3000", description = "Training iterations per variant (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--box", split = ",", defaultValue = "14,0,14,28",
            description = "Occluded box: top,left,height,width in pixels (default: ${DEFAULT-VALUE}, the lower half).")
    int[] box;
    @Option(names = "--steps", defaultValue = "1", description = "Recall passes (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--limit", defaultValue = "10000", description = "Test examples (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutOption outOption = new OutOption("runs/recall");

    @Override
    public Integer call() throws Exception {
        Path out = outOption.dir();
        if (box.length != 4) {
            throw new IllegalArgumentException("--box needs 4 numbers top,left,height,width; got " + box.length);
        }
        DataSplits data = train.dataset.load();
        Occlusion occlusion = new Occlusion(data.test().channels(), data.test().height(), data.test().width(), box[2],
                box[3], box[0], box[1], 0f);
        int n = Math.min(limit, data.test().size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<INDArray> rows = new ArrayList<>();
        int show = Math.min(12, n);
        int[] showIdx = java.util.Arrays.copyOf(idx, show);
        StringBuilder text = new StringBuilder("masked-region MSE of recall (" + n + " test images, box " + box[2] + "x"
                + box[3] + " at " + box[0] + "," + box[1] + ")\n");
        for (String vName : variants) {
            LmserVariant v = LmserVariant.byName(vName);
            TrainedModel m = TrainedModel.train(ZooRegistry.create(model, v, train.settings()), data, iterations,
                    train.batch, train.seed.seed());
            INDArray x = data.test().features(idx, m.spec().featureLayout());
            Corrupted c = occlusion.apply(x, 7);
            INDArray recalled = Recall.recall(m.spec(), m.graph(), c, steps);
            double mse = c.maskedMse(recalled, x);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("variant", v.reportName());
            r.put("masked_mse", mse);
            r.put("iterations", iterations);
            results.add(r);
            text.append(String.format("%-12s %.5f%n", v.reportName(), mse));
            if (rows.isEmpty()) {
                rows.add(occlusion.apply(data.test().features(showIdx, m.spec().featureLayout()), 7).input()
                        .reshape(show, x.length() / n));
            }
            rows.add(recalled.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, show),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()));
        }
        rows.add(data.test().features(showIdx, org.bidizoo.datasets.image.FeatureLayout.FLAT));
        Path png = out.resolve("recall.png");
        ImageGrid.write(png, rows, data.test().channels(), data.test().height(), data.test().width(), 2);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model);
        j.put("dataset", data.name());
        j.put("box", Map.of("top", box[0], "left", box[1], "height", box[2], "width", box[3]));
        j.put("steps", steps);
        j.put("examples", n);
        j.put("results", results);
        j.put("png", png.toString());
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        text.append("rows of ").append(png).append(": occluded, ").append(String.join(", ", variants)).append(", truth");
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString());
        return 0;
    }
}
