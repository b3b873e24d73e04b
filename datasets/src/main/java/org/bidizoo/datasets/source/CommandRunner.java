package org.bidizoo.datasets.source;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bidizoo.datasets.progress.ProgressBar;

/** Runs an external command with a time limit, showing elapsed time on a progress line. */
final class CommandRunner {
    private CommandRunner() {
    }

    /**
     * @param program a program name
     * @return whether it is on the {@code PATH}
     */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a command in a directory; its output goes to a log file in that directory.
     *
     * @param dir            working directory
     * @param timeoutSeconds limit after which the command is killed
     * @param command        program and arguments
     * @throws IOException if it cannot start, times out or exits non-zero; the message holds the
     *                     command and the tail of its output
     */
    static void run(Path dir, long timeoutSeconds, List<String> command) throws IOException {
        Path log = Files.createTempFile(dir, "command", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean finished;
        try (ProgressBar bar = new ProgressBar(String.join(" ", command), -1, "s")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            finished = false;
            while (System.nanoTime() < deadline) {
                if (p.waitFor(1, TimeUnit.SECONDS)) {
                    finished = true;
                    break;
                }
                bar.step(1);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command);
        }
        if (!finished) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", command) + "' did not finish within " + timeoutSeconds
                    + " s (no network, or a hung client?); its output: " + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed with exit code " + p.exitValue()
                    + "; its output: " + tail(log));
        }
        Files.deleteIfExists(log);
    }

    private static String tail(Path log) throws IOException {
        String s = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
        return s.length() > 1500 ? "..." + s.substring(s.length() - 1500) : s;
    }
}
