package org.bidizoo.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.zoo.model.ZooRegistry;
import org.bidizoo.zoo.pretrained.PretrainedEntry;
import org.bidizoo.zoo.pretrained.PretrainedRegistry;
import org.bidizoo.zoo.pretrained.WeightsDownloader;
import org.bidizoo.zoo.train.WeightsExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bidizoo pretrained list|fetch|verify}: the registry of trained weights. */
@Command(name = "pretrained", mixinStandardHelpOptions = true,
        description = "Pretrained weights: list the registry, fetch (shipped files work offline; others from"
                + " -Dbidizoo.pretrained.url), verify cached files by SHA-256 (cache: -Dbidizoo.pretrained.dir,"
                + " $BIDIZOO_PRETRAINED_DIR or ~/.bidizoo/pretrained).",
        subcommands = {PretrainedCommand.ListCmd.class, PretrainedCommand.FetchCmd.class,
                PretrainedCommand.VerifyCmd.class})
public final class PretrainedCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Map<String, Object> describe(PretrainedEntry e, WeightsDownloader d) throws java.io.IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.putAll(WeightsExporter.toJson(e));
        m.put("cached", d.isCachedAndVerified(e));
        return m;
    }

    /** {@code bidizoo pretrained list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every registered weight file, and the zoo models that have none yet.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        JsonOption jsonOption;

        @Override
        public Integer call() throws Exception {
            WeightsDownloader d = WeightsDownloader.fromEnvironment();
            List<Map<String, Object>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (PretrainedEntry e : PretrainedRegistry.all()) {
                rows.add(describe(e, d));
                text.append(String.format("%-28s %-14s %8.1f MB  %s%s%s  %s%n", e.id(), e.dataset(), e.size() / 1e6,
                        e.metrics(), e.shipped() ? " shipped" : "", e.isDefault() ? " DEFAULT" : "", e.fileName()));
            }
            List<String> without = ZooRegistry.namesWithoutWeights();
            if (!without.isEmpty()) {
                text.append("zoo models without weights yet: ").append(without);
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("weights", rows);
            j.put("without_weights", without);
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
            return 0;
        }
    }

    /** {@code bidizoo pretrained fetch ID}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Fetch and verify one weight file.")
    static final class FetchCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        JsonOption jsonOption;
        @Parameters(paramLabel = "ID", description = "model[-variant]/VERSION, e.g. lmser-dense-un/MNIST_V1")
        String id;

        @Override
        public Integer call() throws Exception {
            PretrainedEntry e = PretrainedRegistry.byId(id);
            WeightsDownloader d = WeightsDownloader.fromEnvironment();
            java.nio.file.Path f = d.fetch(e);
            Map<String, Object> j = describe(e, d);
            j.put("path", f.toString());
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, e.id() + ": verified " + f);
            return 0;
        }
    }

    /** {@code bidizoo pretrained verify [ID]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check cached weight files against their SHA-256 (all, or one ID); exit 1 if any is missing"
                    + " or bad.")
    static final class VerifyCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        JsonOption jsonOption;
        @Parameters(paramLabel = "ID", arity = "0..1", description = "one entry (default: all)")
        String id;

        @Override
        public Integer call() throws Exception {
            WeightsDownloader d = WeightsDownloader.fromEnvironment();
            List<PretrainedEntry> es = id == null ? PretrainedRegistry.all() : List.of(PretrainedRegistry.byId(id));
            List<Map<String, Object>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            boolean all = true;
            int corrupt = 0;
            for (PretrainedEntry e : es) {
                WeightsDownloader.CacheState st = d.state(e);
                all &= st == WeightsDownloader.CacheState.VERIFIED;
                corrupt += st == WeightsDownloader.CacheState.CORRUPT ? 1 : 0;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.id());
                m.put("path", d.cachedFile(e).toString());
                m.put("verified", st == WeightsDownloader.CacheState.VERIFIED);
                m.put("state", st.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                rows.add(m);
                text.append(switch (st) {
                    case VERIFIED -> "ok           ";
                    case NOT_FETCHED -> "not fetched  ";
                    case CORRUPT -> "BAD          ";
                }).append(e.id()).append("  ").append(d.cachedFile(e)).append(switch (st) {
                    case VERIFIED -> "";
                    case NOT_FETCHED -> e.shipped() ? " (ships in the jar; copied on first use)"
                            : " (run 'bidizoo pretrained fetch " + e.id() + "')";
                    case CORRUPT -> " (size or SHA-256 mismatch: never used; run 'bidizoo pretrained fetch " + e.id()
                            + "' to replace it)";
                }).append('\n');
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("verified", all);
            j.put("corrupt", corrupt);
            j.put("weights", rows);
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(j, text.toString().strip());
            return corrupt == 0 ? 0 : 1;
        }
    }
}
