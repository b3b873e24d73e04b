package org.bidizoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.bidizoo.ui.server.Dashboard;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bidizoo ui --storage FILE}: shows a finished (or remote) run in DL4J's UI with the bidizoo pages. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve DL4J's UI with the bidizoo dashboard for a stats file written by 'train --ui CONFIG'"
                + " (\"storage\" in CONFIG), until Ctrl-C.")
public final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    JsonOption jsonOption;

    @Option(names = "--storage", required = true, paramLabel = "FILE", description = "The stats file to show.")
    Path storage;

    @Option(names = "--port", defaultValue = "9000", description = "UI port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = every"
                    + " interface, reachable from other machines).")
    String host;

    @Option(names = "--receive", description = "Also accept updates from training runs whose ui-config has \"remote\""
            + " set to this server, storing them in FILE (default: off).")
    boolean receive;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port = " + port + ", expected in [0, 65535]");
        }
        try (Dashboard d = Dashboard.replay(storage, host, port, receive)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("url", d.url());
            r.put("dl4j_url", d.dl4jUrl());
            r.put("listening", d.listening());
            r.put("storage", storage.toString());
            r.put("sessions", d.storage().listSessionIDs().size());
            new Output(spec.commandLine().getOut(), jsonOption.json()).print(r, "bidizoo: dashboard at " + d.url()
                    + " (DL4J's pages: " + d.dl4jUrl() + "), listening on " + d.listening() + ", showing " + storage
                    + "; Ctrl-C to stop");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
