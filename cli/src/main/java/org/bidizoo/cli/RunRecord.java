package org.bidizoo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bidizoo.datasets.io.AtomicFiles;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code OUT/run.json}: the options of a {@code train} run, written before its first iteration, for {@code --resume}. */
final class RunRecord {
    /** Options {@code --resume} may come with. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--json", "--ui", "--ui-wait", "--ui-host");
    /** The file, inside the run's folder. */
    static final String FILE = "run.json";

    private RunRecord() {
    }

    /**
     * @param dir  the run's folder
     * @param spec the running command, whose arguments after its name are recorded
     * @throws IOException if the file cannot be written
     */
    static void write(Path dir, CommandSpec spec) throws IOException {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        AtomicFiles.writeString(dir.resolve(FILE), Output.toJson(Map.of("command", spec.name(),
                "args", all.subList(all.indexOf(spec.name()) + 1, all.size()))));
    }

    /**
     * @param resuming the {@code train --resume DIR} command
     * @param dir      DIR
     * @param json     its --json option, which applies to the continued run
     * @param ui       its dashboard options, which apply to the continued run
     * @return the interrupted run's command, parsed from its record, set to continue in DIR
     * @throws IOException              if the record cannot be read
     * @throws IllegalArgumentException if an option other than --json and --ui is given with --resume, or MODEL
     */
    static TrainCommand resume(TrainCommand resuming, Path dir, JsonOption json, UiOptions ui) throws IOException {
        CommandSpec spec = resuming.spec;
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(o.longestName())) {
                throw new IllegalArgumentException("--resume continues a run with its own options; " + o.longestName()
                        + " cannot be changed (only --json and --ui may be added)");
            }
        }
        if (resuming.model != null) {
            throw new IllegalArgumentException("--resume continues a run with its own model; drop MODEL '"
                    + resuming.model + "'");
        }
        TrainCommand original = new TrainCommand();
        CommandLine cl = new CommandLine(original);
        FiniteNumbers.register(cl);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        cl.parseArgs(args(dir).toArray(new String[0]));
        original.out = dir;
        original.continuing = true;
        original.jsonOption = json;
        original.uiOptions = ui;
        return original;
    }

    /**
     * @param dir the folder given to {@code --resume}
     * @return the recorded arguments
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the folder if it holds no record
     */
    static List<String> args(Path dir) throws IOException {
        Path record = dir.resolve(FILE);
        if (!Files.isRegularFile(record)) {
            throw new IllegalArgumentException("--resume " + dir + ": no " + FILE + " there (not the --out of a"
                    + " 'bidizoo train' run)");
        }
        List<String> args = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(record.toFile()).get("args")) {
            args.add(n.asText());
        }
        return args;
    }
}
