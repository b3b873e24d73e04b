package org.bidizoo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bidizoo.datasets.io.AtomicFiles;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Model.CommandSpec;

/** {@code OUT/run.json}: the options of a {@code train} run, written before its first iteration, for {@code --resume}. */
final class RunRecord {
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
