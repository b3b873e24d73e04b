package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.cli.experiment.Generation;
import org.bidizoo.zoo.train.TrainedModel;
import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo generate}: seed 000's generation figures. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Train dense Lmser(sup) with style units (Gaussian noise on them in training) and an unsupervised"
                + " Lmser, then decode manipulated top codes: digit x style-value grids, and each code unit swept.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;
    @Mixin
    TrainOptions train;

    @Option(names = "--iterations", defaultValue = "5000", description = "Training iterations per model (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--style-units", defaultValue = "2", description = "Style units of Lmser(sup) (default: ${DEFAULT-VALUE}).")
    int styleUnits;
    @Option(names = "--style-noise", defaultValue = "1.0",
            description = "Std of the training noise on the style units (default: ${DEFAULT-VALUE}).")
    double styleNoise;
    @Option(names = "--values", defaultValue = "9", description = "Steps of each sweep (default: ${DEFAULT-VALUE}).")
    int values;
    @Option(names = "--range", defaultValue = "2.0",
            description = "Style sweep half-width in standard deviations (default: ${DEFAULT-VALUE}).")
    double range;
    @Option(names = "--reflections", defaultValue = "5",
            description = "Decoding passes with the code clamped (default: ${DEFAULT-VALUE}).")
    int reflections;
    @Option(names = "--sweep-variant", defaultValue = "un-n", description = "Unsupervised model whose code units are"
            + " swept: un-n (default; the code alone drives the decoder) or un (its paired neurons carry most of the"
            + " reconstruction, so its code moves the output little).")
    String sweepVariant;

    @Mixin
    OutOption outOption = new OutOption("runs/generate");

    @Override
    public Integer call() throws Exception {
        Path out = outOption.dir();
        if (values < 2) {
            throw new IllegalArgumentException("--values = " + values + ", expected >= 2");
        }
        DataSplits data = train.dataset.load();
        int h = data.test().height();
        int w = data.test().width();
        int c = data.test().channels();
        Map<String, Object> j = new LinkedHashMap<>();
        List<String> pngs = new ArrayList<>();
        // --variant picks the supervised generator: sup-n (default; no paired neurons, so the code alone drives the
        // top-down pass) or sup
        LmserVariant gv = train.variant == null ? LmserVariant.SUP_N : LmserVariant.byName(train.variant);
        if (!gv.supervised()) {
            throw new IllegalArgumentException("--variant = " + train.variant + ", expected sup-n or sup for generate");
        }
        LmserDense sup = LmserDense.paper(train.settings(), gv).withStyleUnits(styleUnits, styleNoise);
        TrainedModel ms = TrainedModel.train(sup, data, iterations, train.batch, train.seed.seed());
        int classes = data.test().numClasses();
        for (int s = 0; s < styleUnits; s++) {
            List<INDArray> rows = Generation.classBySweep(ms.graph(), data.test(), classes + s, values, range, reflections);
            Path png = out.resolve("sup-style" + (s + 1) + ".png");
            ImageGrid.write(png, rows, c, h, w, 2);
            pngs.add(png.toString());
        }
        LmserVariant sv = LmserVariant.byName(sweepVariant);
        if (sv.supervised()) {
            throw new IllegalArgumentException("--sweep-variant = " + sweepVariant + ", expected un-n or un");
        }
        TrainedModel mu = TrainedModel.train(LmserDense.paper(train.settings(), sv), data, iterations, train.batch,
                train.seed.seed());
        Path sweep = out.resolve(sv.cliName() + "-unit-sweeps.png");
        ImageGrid.write(sweep, Generation.unitSweeps(mu.graph(), data.test(), 0, values, reflections), c, h, w, 2);
        pngs.add(sweep.toString());
        j.put("dataset", data.name());
        j.put("iterations", iterations);
        j.put("variant", gv.cliName());
        j.put("sweep_variant", sv.cliName());
        j.put("style_units", styleUnits);
        j.put("style_noise", styleNoise);
        j.put("values", values);
        j.put("reflections", reflections);
        j.put("png", pngs);
        String text = "rows = classes 0-9, columns = style value from -" + range + " to +" + range + " std: "
                + String.join(", ", pngs.subList(0, styleUnits)) + "\nrows = Lmser(" + sv.cliName() + ") code units, columns = the unit"
                + " swept from its minimum to its maximum over the test set, starting from test image 0: " + sweep;
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text);
        return 0;
    }
}
