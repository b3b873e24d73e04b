package org.bidizoo.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.cli.experiment.Fgsm;
import org.bidizoo.zoo.train.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo attack fgsm}: robustness to the fast gradient sign method. */
@Command(name = "attack", mixinStandardHelpOptions = true, description = "Adversarial attacks.",
        subcommands = {AttackCommand.FgsmCmd.class})
public final class AttackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bidizoo attack fgsm}. */
    @Command(name = "fgsm", mixinStandardHelpOptions = true,
            description = "FGSM at --eps against a classifier's test accuracy (trains the model first unless --from).")
    static final class FgsmCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        JsonOption jsonOption;
        @Mixin
        TrainOptions train;
        @Mixin
        ModelSource source;
        @Option(names = "--model", description = "Zoo model: fcn, cnn, lmser-dense or lmser-conv (with --variant sup).")
        String model;
        @Option(names = "--eps", defaultValue = "0.3", description = "Attack strength epsilon (default: ${DEFAULT-VALUE}).")
        double epsilon;
        @Option(names = "--limit", defaultValue = "10000", description = "Test examples to attack (default: ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--loss", defaultValue = "label", description = "Loss to ascend: label (cross-entropy only)"
                + " or total (the training loss; for Lmser(sup) reconstruction + cross-entropy) (default: ${DEFAULT-VALUE}).")
        String loss;

        @Override
        public Integer call() throws Exception {
            DataSplits data = train.dataset.load();
            TrainedModel m = source.obtain(model, train, data);
            Fgsm.Loss l;
            try {
                l = Fgsm.Loss.valueOf(loss.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--loss = " + loss + ", expected label or total");
            }
            Fgsm.Result r = Fgsm.attack(m.spec(), m.graph(), data.testIterator(m.spec().featureLayout(), limit), epsilon,
                    l);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", m.spec().toString());
            j.put("dataset", data.name());
            j.put("iterations", m.iterations());
            j.put("epsilon", r.epsilon());
            j.put("loss", l.name().toLowerCase(java.util.Locale.ROOT));
            j.put("examples", r.examples());
            j.put("clean_accuracy", r.cleanAccuracy());
            j.put("adversarial_accuracy", r.adversarialAccuracy());
            String text = String.format("%s on %s: clean accuracy %.2f%%, FGSM eps=%.2f accuracy %.2f%% (%d examples)",
                    m.spec(), data.name(), 100 * r.cleanAccuracy(), r.epsilon(), 100 * r.adversarialAccuracy(),
                    r.examples());
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text);
            return 0;
        }
    }
}
