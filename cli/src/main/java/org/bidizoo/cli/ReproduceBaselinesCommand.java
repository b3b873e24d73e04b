package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.cli.experiment.AutoencoderBaselines;
import org.bidizoo.cli.experiment.RbmBaselines;
import org.bidizoo.datasets.io.AtomicFiles;
import org.bidizoo.zoo.model.AutoencoderCorruption;
import org.bidizoo.zoo.model.DbnModel;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.stacked.FewLabelComparison;
import org.bidizoo.zoo.train.DataSplits;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bidizoo reproduce baselines}: seed 004's autoencoders beside Lmser. */
@Command(name = "baselines", mixinStandardHelpOptions = true,
        description = "Seed 004's autoencoder family beside Lmser(un) on seed 000's Table 1 protocol: test"
                + " reconstruction MSE per pixel after each number of iterations (batch 50, Adam), and the denoising"
                + " MSE of the denoising autoencoders, and the binary RBM's mean-field reconstruction (trained by CD-1"
                + " with its own optimizer); then the few-label accuracy of a 128-64 tanh encoder fine-tuned from"
                + " random init, a stacked (denoising, contractive) autoencoder and Lmser(un), and of a 128-64 DBN"
                + " (sigmoid, pretrained by CD-1) fine-tuned the same way. Each model and each few-label run is a cell:"
                + " --resume keeps the finished ones.")
public final class ReproduceBaselinesCommand implements Callable<Integer> {
    /**
     * The deep belief network's few-label start: RBMs of the encoder's sizes (sigmoid units) pretrained greedily by
     * CD-1, {@code --pretrain-iterations} minibatches each as a stacked level, then fine-tuned as the others are
     * (same label sets, Adam at {@code --finetune-lr}, the same minibatches).
     */
    static final String DBN = "dbn";

    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--iterations", split = ",", defaultValue = "500,5000,20000",
            description = "Iterations at which to measure (default: ${DEFAULT-VALUE}, seed 000's Table 1).")
    int[] iterations;
    @Option(names = "--models", split = ",", defaultValue = "lmser-un,ae,ae-l2,ae-sparse-l1,ae-sparse-kl,"
            + "ae-denoising-gaussian,ae-denoising-salt-pepper,ae-denoising-masking,ae-contractive,rbm-binary",
            description = "Models: lmser-<variant>, ae (the plain autoencoder) or zoo names (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}, as"
            + " reproduce lmser).")
    double learningRate;
    @Option(names = "--lr-decay", defaultValue = "0.9999",
            description = "Learning-rate factor per iteration (default: ${DEFAULT-VALUE}).")
    double learningRateDecay;
    @Option(names = "--batch", defaultValue = "50", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--sections", split = ",", defaultValue = "recon,few-label",
            description = "What to run: recon (reconstruction table), few-label (stacked pretraining, few-label"
                    + " accuracy) (default: ${DEFAULT-VALUE}).")
    List<String> sections;
    @Option(names = "--starts", split = ",", defaultValue = "random,stacked-ae,stacked-dae,stacked-cae,lmser,dbn",
            description = "Few-label: the classifiers' starts (default: ${DEFAULT-VALUE}).")
    List<String> starts;
    @Option(names = "--labels", split = ",", defaultValue = "100,1000",
            description = "Few-label: labeled training images, balanced (default: ${DEFAULT-VALUE}).")
    int[] labels;
    @Option(names = "--label-sets", defaultValue = "3", description = "Few-label: label sets per size (default:"
            + " ${DEFAULT-VALUE}).")
    int labelSets;
    @Option(names = "--levels", split = ",", defaultValue = "128,64",
            description = "Few-label: encoder levels, tanh (default: ${DEFAULT-VALUE}, seed 004's).")
    int[] levels;
    @Option(names = "--pretrain-iterations", defaultValue = "5000",
            description = "Few-label: minibatches per stacked level; Lmser(un) gets levels x this (default:"
                    + " ${DEFAULT-VALUE}).")
    int pretrainIterations;
    @Option(names = "--finetune-iterations", defaultValue = "500",
            description = "Few-label: fine-tuning minibatches (default: ${DEFAULT-VALUE}).")
    int finetuneIterations;
    @Option(names = "--finetune-batch", defaultValue = "20",
            description = "Few-label: fine-tuning minibatch size (default: ${DEFAULT-VALUE}).")
    int finetuneBatch;
    @Option(names = "--finetune-lr", defaultValue = "0.001",
            description = "Few-label: Adam learning rate of pretraining and fine-tuning (default: ${DEFAULT-VALUE}).")
    double finetuneLr;
    @Option(names = "--masking", defaultValue = "0.25",
            description = "Few-label: masking fraction of the stacked denoising autoencoder (default: ${DEFAULT-VALUE}).")
    double masking;

    @Mixin
    ReproductionOptions run = new ReproductionOptions("runs/reproduce-baselines");

    @Override
    public Integer call() throws Exception {
        String dataset = run.dataset.name();
        long seed = run.seed.seed();
        Path out = run.out.dir();
        AutoencoderBaselines.Options o = new AutoencoderBaselines.Options(dataset, iterations, batch, learningRate,
                learningRateDecay, seed);
        for (String m : models) {
            AutoencoderBaselines.model(m, o.settings()); // an unknown name fails before any training
        }
        for (String sec : sections) {
            if (!sec.equals("recon") && !sec.equals("few-label")) {
                throw new IllegalArgumentException("--sections: unknown '" + sec + "'; expected recon and/or few-label");
            }
        }
        FewLabelComparison.Options few = new FewLabelComparison.Options(levels, pretrainIterations, batch,
                finetuneIterations, finetuneBatch, finetuneLr, masking, seed);
        new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING, masking); // validates --masking
        for (String st : starts) {
            if (!FewLabelComparison.STARTS.contains(st) && !st.equals(DBN)) {
                throw new IllegalArgumentException("--starts: unknown '" + st + "'; expected some of "
                        + FewLabelComparison.STARTS + " and " + DBN);
            }
        }
        if (labelSets < 1) {
            throw new IllegalArgumentException("--label-sets = " + labelSets + ", expected >= 1");
        }
        DataSplits data = DataSplits.load(dataset);
        ResultCells cells = run.openCells(spec);
        List<Map<String, Object>> results = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("Autoencoders beside Lmser (%s, test MSE per pixel)%n",
                data.name()));
        for (String name : sections.contains("recon") ? models : List.<String>of()) {
            Map<String, Object> cell = cells.cell("recon/" + name, () -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (AutoencoderBaselines.Row r : AutoencoderBaselines.run(name, o, data)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("model", r.model());
                    m.put("iterations", r.iterations());
                    m.put("recon_mse", r.reconMse());
                    m.put("denoise_mse", r.denoiseMse());
                    m.put("train_seconds", r.trainSeconds());
                    rows.add(m);
                }
                return Map.of("rows", rows);
            });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) cell.get("rows");
            for (Map<String, Object> m : rows) {
                results.add(m);
                text.append(String.format("%-26s tau=%-6d %.5f%s%n", m.get("model"), m.get("iterations"),
                        ((Number) m.get("recon_mse")).doubleValue(), m.get("denoise_mse") == null ? ""
                                : String.format("  (denoising %.5f)", ((Number) m.get("denoise_mse")).doubleValue())));
            }
        }
        List<Map<String, Object>> fewRows = sections.contains("few-label") ? fewLabel(few, data) : List.of();
        if (!fewRows.isEmpty()) {
            text.append(String.format("Few-label accuracy (%s, test set; encoder %s tanh, dbn sigmoid)%n",
                    data.name(), java.util.Arrays.toString(levels)));
        }
        for (Map<String, Object> m : fewRows) {
            results.add(m);
            text.append(String.format("%-12s labels=%-5d set %d  %.4f%n", m.get("model"), m.get("labels"),
                    m.get("label_set"), ((Number) m.get("test_accuracy")).doubleValue()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "baselines");
        j.put("dataset", data.name());
        j.put("options", o);
        j.put("few_label_options", few);
        j.put("models", models);
        j.put("results", results);
        AtomicFiles.writeString(out.resolve("results.json"), Output.toJson(j));
        new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
        return 0;
    }

    /** The few-label cells: pretrains only the starts that still have cells to fill. */
    private List<Map<String, Object>> fewLabel(FewLabelComparison.Options few, DataSplits data) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String start : starts) {
            for (int n : labels) {
                for (int set = 0; set < labelSets; set++) {
                    if (!run.cells.has(fewKey(start, n, set)) && !missing.contains(start)) {
                        missing.add(start);
                    }
                }
            }
        }
        Map<String, ComputationGraph> pretrained = new LinkedHashMap<>(FewLabelComparison.pretrain(few, data,
                missing.stream().filter(st -> !st.equals(DBN)).toList()));
        DbnModel dbn = DbnModel.builder().settings(ModelSettings.builder().seed(few.seed()).build()).hidden(levels)
                .pretrainIterations(pretrainIterations).build();
        if (missing.contains(DBN)) {
            pretrained.put(DBN, RbmBaselines.pretrainDbn(data, dbn, batch, few.seed()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String start : starts) {
            for (int n : labels) {
                for (int set = 0; set < labelSets; set++) {
                    int labelSet = set;
                    rows.add(run.cells.cell(fewKey(start, n, set), () -> {
                        double acc = start.equals(DBN)
                                ? RbmBaselines.fineTuneDbn(data, dbn, pretrained.get(DBN).clone(), n,
                                        few.finetuneBatch(), few.seed() + labelSet, few.finetuneIterations(),
                                        new Adam(few.lr()))
                                : FewLabelComparison.finetune(pretrained.get(start), start, few, data, n, labelSet)
                                        .testAccuracy();
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("model", start);
                        m.put("labels", n);
                        m.put("label_set", labelSet);
                        m.put("test_accuracy", acc);
                        return m;
                    }));
                }
            }
        }
        return rows;
    }

    private static String fewKey(String start, int labels, int set) {
        return "few/" + start + "/" + labels + "/" + set;
    }
}
