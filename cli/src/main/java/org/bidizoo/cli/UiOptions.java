package org.bidizoo.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.bidizoo.zoo.model.BidizooModel;

import picocli.CommandLine.Option;

/** The dashboard options of {@code train}: {@code --ui}, {@code --ui-host}, {@code --ui-wait}; validated here. */
public final class UiOptions {
    @Option(names = "--ui", arity = "0..1", fallbackValue = "", paramLabel = "CONFIG",
            description = "Watch training in DL4J's UI with the bidizoo dashboard (reconstructions, t-SNE of hidden"
                    + " layers, losses); the URL is printed. CONFIG: a ui-config JSON file (default: port 9000, in"
                    + " memory). Write it after MODEL, or as --ui=CONFIG.")
    String config;

    @Option(names = "--ui-host", paramLabel = "ADDRESS",
            description = "With --ui: the address the dashboard listens on, overriding \"host\" in CONFIG (default"
                    + " 127.0.0.1, this machine only; 0.0.0.0 = every interface, reachable from other machines).")
    String host;

    @Option(names = "--ui-wait", description = "With --ui: keep the dashboard open after training until Ctrl-C"
            + " (default: off).")
    boolean waitAfter;

    /** @throws IllegalArgumentException if --ui-host or --ui-wait is given without --ui */
    void validate() {
        if (waitAfter && config == null) {
            throw new IllegalArgumentException("--ui-wait keeps the dashboard open, so it needs --ui");
        }
        if (host != null && config == null) {
            throw new IllegalArgumentException("--ui-host = " + host + " sets the dashboard's address, so it needs"
                    + " --ui");
        }
    }

    /**
     * @param model the model to be trained
     * @param err   the console, where the URL is printed
     * @return the started dashboard, or null without --ui
     * @throws IOException if the config or storage file cannot be read or written
     */
    DashboardRun start(BidizooModel model, PrintWriter err) throws IOException {
        validate();
        return config == null ? null : DashboardRun.start(config, host, model, err);
    }

    /** @return whether --ui was given */
    boolean on() {
        return config != null;
    }

    /**
     * With --ui-wait, keeps the dashboard open until Ctrl-C.
     *
     * @param ui  the dashboard, or null without --ui
     * @param err the console
     * @throws InterruptedException when interrupted
     */
    void awaitAfter(DashboardRun ui, PrintWriter err) throws InterruptedException {
        if (ui != null && waitAfter) {
            ui.await(err);
        }
    }
}
