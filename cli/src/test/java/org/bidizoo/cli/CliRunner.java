package org.bidizoo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** Runs the CLI in-process and captures stdout, stderr and the exit code. */
final class CliRunner {
    final int exitCode;
    final String out;
    final String err;

    private CliRunner(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args command line
     * @return the JSON on stdout of a run that must succeed (its stderr and stdout in the failure message)
     */
    static org.nd4j.shade.jackson.databind.JsonNode ok(String... args) {
        CliRunner r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode, r.err + r.out);
        return r.json();
    }

    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BidizooCli.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRunner(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON object: " + out, e);
        }
    }
}
