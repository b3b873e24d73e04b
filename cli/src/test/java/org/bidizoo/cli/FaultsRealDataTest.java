package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The fault suite of "nothing lost": a run killed with {@code kill -9} resumes to the parameters of an
 * uninterrupted one, a run that diverges stops with an error and keeps its last good checkpoint, two runs
 * cannot share an output folder, bad files and bad numbers are answered clearly.
 */
@Tag("data")
class FaultsRealDataTest {
    @TempDir
    Path tmp;

    /** Starts the CLI in its own JVM (so it can be killed), with the test's class path and threads. */
    private static Process start(Path log, String... args) throws Exception {
        return cli(List.of(), args).redirectOutput(log.toFile()).start();
    }

    /**
     * @param shell a shell prefix that ends by running {@code "$0" "$@"} (the JVM and its arguments), or none
     * @param args  the CLI's arguments
     * @return the CLI in its own JVM, with the test's class path, threads and Vector API module (a run resumed on
     *         the scalar loops would continue with libnd4j's sigmoid, a few ulps from the vector one), stderr into
     *         stdout
     */
    private static ProcessBuilder cli(List<String> shell, String... args) {
        List<String> cmd = new ArrayList<>(shell);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-Xmx2g"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BidizooCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb;
    }

    private static void awaitFile(Path f, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(f)) {
            assertTrue(p.isAlive(), "the run ended before writing " + f + ": " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no " + f + " after 3 minutes");
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** @return the model.zip of a 3-iteration run into {@code out}, a good model that a later run must not lose */
    private static Path trainBriefly(Path out) {
        return Path.of(CliRunner.ok("train", "lmser-dense", "--iterations", "3", "--out", out.toString(), "--json")
                .get("model_file").asText());
    }

    private static ComputationGraph load(Path zip) throws Exception {
        return ModelSerializer.restoreComputationGraph(zip.toFile(), true);
    }

    @Test
    void killedWithSigkillAndResumedEndsWithTheUninterruptedParameters() throws Exception {
        Path killed = tmp.resolve("killed");
        Path log = tmp.resolve("killed.log");
        Process p = start(log, "train", "lmser-dense", "--iterations", "300", "--checkpoint-every", "40",
                "--out", killed.toString());
        awaitFile(killed.resolve("checkpoints/checkpoint-000000080.zip"), p, log);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertFalse(Files.exists(killed.resolve("model.zip")), "killed before the end: " + Files.readString(log));
        try (Stream<Path> s = Files.list(killed.resolve("checkpoints"))) {
            assertTrue(s.allMatch(f -> f.getFileName().toString().matches("checkpoint-\\d{9}\\.zip")),
                    "only complete checkpoints, no temporary files");
        }

        JsonNode resumed = CliRunner.ok("train", "--resume", killed.toString(), "--json");
        assertTrue(resumed.get("resumed_at").asInt() >= 80, resumed.toString());
        assertEquals(300, resumed.get("iterations").asInt());
        JsonNode whole = CliRunner.ok("train", "lmser-dense", "--iterations", "300", "--out",
                tmp.resolve("whole").toString(), "--json");
        assertEquals(whole.get("recon_mse").asDouble(), resumed.get("recon_mse").asDouble(), 0.0);
        ComputationGraph a = load(Path.of(resumed.get("model_file").asText()));
        ComputationGraph b = load(Path.of(whole.get("model_file").asText()));
        assertEquals(b.params(), a.params(), "bit for bit");
        assertEquals(b.getUpdater().getStateViewArray(), a.getUpdater().getStateViewArray());
    }

    @Test
    void twoRunsCannotShareAnOutputFolder() throws Exception {
        Path out = tmp.resolve("same");
        Path log = tmp.resolve("first.log");
        Process first = start(log, "train", "lmser-dense", "--iterations", "100000", "--checkpoint-every", "0",
                "--checkpoint-minutes", "60", "--out", out.toString());
        try {
            awaitFile(out.resolve(RunRecord.FILE), first, log);
            CliRunner second = CliRunner.run("train", "lmser-dense", "--iterations", "10", "--out", out.toString());
            assertEquals(1, second.exitCode, second.out);
            assertTrue(second.err.contains("--out " + out + ": output folder " + out.toAbsolutePath()
                    + " is in use by another bidizoo run (pid " + first.pid() + ")"), second.err);
        } finally {
            first.destroyForcibly();
            first.waitFor(1, TimeUnit.MINUTES);
        }
        assertEquals(0, CliRunner.run("train", "lmser-dense", "--iterations", "5", "--out", out.toString()).exitCode,
                "the lock of a killed run does not outlive it");
    }

    @Test
    void aDivergingRunFailsAndKeepsItsLastGoodCheckpoint() throws Exception {
        Path out = tmp.resolve("diverge");
        CliRunner r = CliRunner.run("train", "lmser-dense", "--lr", "1e10", "--iterations", "200",
                "--checkpoint-every", "1", "--keep-checkpoints", "1", "--out", out.toString());
        assertEquals(1, r.exitCode);
        assertTrue(r.err.contains("training diverged at iteration 2 of 200: the score is NaN (outputs: reconstruction"
                + " NaN)"), r.err);
        assertFalse(Files.exists(out.resolve("model.zip")), "no model is saved from broken parameters");
        Path kept = out.resolve("checkpoints/checkpoint-000000001.zip");
        try (Stream<Path> s = Files.list(out.resolve("checkpoints"))) {
            assertEquals(List.of(kept), s.toList());
        }
        assertFalse(load(kept).params().isNaN().any(), "the kept checkpoint holds the last good parameters");
    }

    @Test
    void nonFiniteNumbersAndBadFilesAreNamed() throws Exception {
        for (String v : new String[] {"NaN", "nan", "Infinity", "-inf", "+Infinity", "1e999"}) {
            CliRunner r = CliRunner.run("train", "lmser-dense", "--lr", v, "--iterations", "1", "--out",
                    tmp.resolve("x").toString());
            assertEquals(2, r.exitCode, v);
            assertTrue(r.err.contains("'" + v + "' is not a finite number"), r.err);
        }
        Path file = tmp.resolve("notadir");
        Files.writeString(file, "x");
        CliRunner r = CliRunner.run("train", "lmser-dense", "--iterations", "300", "--out",
                file.resolve("sub").toString());
        assertEquals(1, r.exitCode);
        assertTrue(r.err.contains("--out " + file.resolve("sub") + ": " + file + " is a file, not a folder"), r.err);
        assertFalse(r.err.contains("train lmser-dense"), "rejected before the first iteration: " + r.err);
        CliRunner rep = CliRunner.run("reproduce", "inversion-1d", "--out", file.resolve("sub").toString());
        assertEquals(1, rep.exitCode);
        assertTrue(rep.err.contains("--out " + file.resolve("sub") + ": " + file + " is a file, not a folder"), rep.err);

        Path truncated = tmp.resolve("truncated.zip");
        Files.write(truncated, new byte[] {'P', 'K', 3, 4, 20, 0});
        CliRunner a = CliRunner.run("attack", "fgsm", "--from", truncated.toString(), "--eps", "0.1");
        assertEquals(1, a.exitCode);
        assertTrue(a.err.contains("model file " + truncated + " is not a complete zip file (6 bytes;"), a.err);

        CliRunner b = CliRunner.run("train", "lmser-dense", "--batch", "1000000", "--iterations", "1");
        assertEquals(1, b.exitCode);
        assertTrue(b.err.contains("batch = 1000000, expected in [1, 60000] (the mnist training set's size)"), b.err);
        File none = tmp.resolve("none").toFile();
        CliRunner c = CliRunner.run("train", "--resume", none.toString());
        assertTrue(c.err.contains("--resume " + none + ": no run.json there"), c.err);
    }

    @Test
    void aReproductionKeepsItsFinishedCellsAndResumesTheRest() throws Exception {
        Path out = tmp.resolve("table1");
        String[] args = {"reproduce", "lmser", "--iterations", "5,10", "--variants", "un,sup", "--out", out.toString(),
            "--json"};
        JsonNode whole = CliRunner.ok(args);
        Path cells = out.resolve(ResultCells.FILE);
        JsonNode stored = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(cells.toFile());
        assertEquals(List.of("lmser-un", "lmser-sup"), iterable(stored.get("cells").fieldNames()));
        // as if killed during the second cell: only the first one was written
        ((org.nd4j.shade.jackson.databind.node.ObjectNode) stored.get("cells")).remove("lmser-sup");
        Files.writeString(cells, stored.toString());
        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        JsonNode resumed = CliRunner.ok(resume);
        assertEquals(withoutTimes(whole.get("results")), withoutTimes(resumed.get("results")),
                "the kept cell and the rerun one");
        assertEquals(whole.get("results").get(0), resumed.get("results").get(0), "the kept cell as it was");
        CliRunner other = CliRunner.run("reproduce", "lmser", "--iterations", "5", "--variants", "un", "--out",
                out.toString(), "--resume");
        assertEquals(1, other.exitCode);
        assertTrue(other.err.contains("--resume: the cells in " + cells + " come from the options"), other.err);
    }

    @Test
    void aReproductionKilledWithSigkillResumesToTheUninterruptedResults() throws Exception {
        Path out = tmp.resolve("inv1d");
        List<String> args = List.of("reproduce", "inversion-1d", "--train", "100", "--test", "100", "--length", "64",
                "--epochs", "30", "--eval-every", "10", "--seeds", "3", "--configs", "1:0", "--out", out.toString());
        Path log = tmp.resolve("inv1d.log");
        Process p = start(log, args.toArray(new String[0]));
        Path cells = out.resolve(ResultCells.FILE);
        awaitFile(cells, p, log);
        p.destroyForcibly(); // SIGKILL after the first cell
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertFalse(Files.exists(out.resolve("results.json")), "killed before the end: " + Files.readString(log));
        JsonNode kept = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(cells.toFile()).get("cells");
        assertTrue(kept.size() >= 1 && kept.size() < 3, kept.toString());
        try (Stream<Path> s = Files.list(out)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written cells.json");
        }

        List<String> resume = new ArrayList<>(args);
        resume.addAll(List.of("--resume", "--json"));
        JsonNode resumed = CliRunner.ok(resume.toArray(new String[0]));
        assertEquals(kept.get("alpha 1.0 beta 0.0 seed 1"), resumed.get("results").get(0), "the kept cell as it was");
        List<String> whole = new ArrayList<>(args.subList(0, args.size() - 1));
        whole.addAll(List.of(tmp.resolve("inv1d-whole").toString(), "--json"));
        JsonNode uninterrupted = CliRunner.ok(whole.toArray(new String[0]));
        assertEquals(withoutTimes(uninterrupted.get("results")), withoutTimes(resumed.get("results")));
    }

    /**
     * A full disk without root or a tmpfs: the run's file-size limit ({@code ulimit -f}, RLIMIT_FSIZE) makes the
     * model's write fail with {@code EFBIG} as a full disk fails it with {@code ENOSPC}.
     */
    @Test
    void aModelThatCannotBeWrittenIsNamedAndTheOldOneStays() throws Exception {
        Path out = tmp.resolve("limited");
        Path model = trainBriefly(out);
        byte[] good = Files.readAllBytes(model);
        // native libraries are already unpacked by this JVM: the child only reads them
        Process p = cli(List.of("/bin/sh", "-c", "trap '' XFSZ; ulimit -f 512 && exec \"$0\" \"$@\""), "train",
                "lmser-dense", "--iterations", "3", "--out", out.toString()).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), log);
        assertTrue(log.contains("bidizoo: error: cannot write " + model + ": File too large (the file is larger than"
                + " this process may write: see 'ulimit -f'"), log);
        assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(model)), "the earlier model is untouched");
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "nothing half-written is left");
        }
    }

    private static JsonNode withoutTimes(JsonNode rows) {
        JsonNode copy = rows.deepCopy();
        copy.forEach(r -> ((org.nd4j.shade.jackson.databind.node.ObjectNode) r).remove("train_seconds"));
        return copy;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void killedWhileWritingACheckpointLosesNothing() throws Exception {
        Path out = tmp.resolve("saving");
        Path model = trainBriefly(out);
        byte[] good = Files.readAllBytes(model);
        Path log = tmp.resolve("saving.log");
        // a checkpoint after every iteration: the run spends most of its time writing them
        Process p = start(log, "train", "lmser-dense", "--iterations", "100000", "--checkpoint-every", "1",
                "--out", out.toString());
        Path cps = out.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        boolean caught = false;
        while (!caught) {
            assertTrue(p.isAlive(), Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "never saw a checkpoint being written");
            if (Files.isDirectory(cps)) {
                List<String> names;
                try (Stream<Path> s = Files.list(cps)) {
                    names = s.map(f -> f.getFileName().toString()).toList();
                }
                caught = names.stream().anyMatch(n -> n.endsWith(".tmp")) && names.stream()
                        .anyMatch(n -> n.endsWith(".zip"));
            }
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(model)), "the earlier model is untouched");
        var latest = new org.bidizoo.zoo.train.Checkpoints(cps, 2).latest().orElseThrow();
        assertFalse(latest.restore().params().isNaN().any(), "the newest complete checkpoint loads");
        CliRunner.ok("train", "lmser-dense", "--iterations", "2", "--out", out.toString(), "--json");
        try (Stream<Path> s = Files.list(cps)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")),
                    "the next run on the folder removes the half-written file");
        }
    }
}
