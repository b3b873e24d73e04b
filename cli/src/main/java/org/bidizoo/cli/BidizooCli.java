package org.bidizoo.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bidizoo} command: a thin layer over the library. Each subcommand is a small class
 * whose options are documented in {@code --help}; the work is done by library classes.
 */
@Command(name = "bidizoo", mixinStandardHelpOptions = true, version = "bidizoo 0.1.0",
        description = "Bidirectional, reconstruction-driven networks for Deeplearning4j.",
        subcommands = {DatasetsCommand.class, DemoCommand.class, TrainCommand.class, ReproduceCommand.class,
                AttackCommand.class, RecallCommand.class, AttendCommand.class, GenerateCommand.class, BenchCommand.class,
                PretrainedCommand.class, FinetuneCommand.class,
                TsneCommand.class, DeconvCommand.class, UiCommand.class,
                CommandLine.HelpCommand.class})
public final class BidizooCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** System property that adds the stack trace to an error ({@code ./bidizoo -Dbidizoo.stacktrace=true ...}). */
    public static final String STACKTRACE_PROPERTY = "bidizoo.stacktrace";

    /**
     * @param args command-line arguments
     * @return a configured command line whose errors are printed without stack traces (unless
     *         {@value #STACKTRACE_PROPERTY} is true)
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new BidizooCli());
        FiniteNumbers.register(cl);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean json = parseResult.originalArgs().contains("--json");
            String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            if (json) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("error", msg);
                cmd.getOut().println(Output.toJson(err));
                cmd.getOut().flush();
            }
            cmd.getErr().println("bidizoo: error: " + msg);
            if (Boolean.getBoolean(STACKTRACE_PROPERTY)) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /**
     * Runs the command line.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // stdout carries only the command's result: libraries that print (SameDiff does) are sent to stderr
        java.io.PrintStream realOut = System.out;
        System.setOut(System.err);
        CommandLine cl = commandLine(args);
        cl.setOut(new PrintWriter(realOut, true));
        int code = cl.execute(args);
        System.exit(code);
    }
}
