package org.bidizoo.ui.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;

/**
 * Starts DL4J's UI server (one per JVM) on a chosen address and port, with our modules loaded through
 * {@code ServiceLoader}; a busy port is a clear error that names it. The address is {@code 127.0.0.1}
 * unless the caller asks for another one: DL4J's own server would listen on every interface.
 */
public final class UiServers {
    /** The default address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(UiServers.class);
    private static final long START_SECONDS = 60;

    private UiServers() {
    }

    /**
     * @param port the port, or 0 for any free port
     * @return the running server on {@link #LOOPBACK}
     * @throws PortInUseException if the port is taken
     */
    public static UIServer start(int port) {
        return start(LOOPBACK, port);
    }

    /**
     * @param host the address to listen on ({@code 127.0.0.1}, {@code 0.0.0.0} for every interface, or one
     *             address of this machine)
     * @param port the port, or 0 for any free port
     * @return the running server (the JVM's existing one if it already listens on that address and port)
     * @throws PortInUseException if the port is taken
     * @throws IllegalStateException if another server already runs in this JVM, or the address cannot be bound
     */
    public static synchronized UIServer start(String host, int port) {
        VertxUIServer running = VertxUIServer.getInstance();
        if (running != null && !running.isStopped()) {
            boolean sameHost = running instanceof HostBoundUiServer b && b.host().equals(host);
            if (sameHost && (port == 0 || running.getPort() == port)) {
                return running;
            }
            throw new IllegalStateException("a DL4J UI server already runs in this JVM at "
                    + (running instanceof HostBoundUiServer b ? b.host() + ":" + running.getPort()
                    : running.getAddress())
                    + "; cannot start another on " + host + ":" + port);
        }
        if (port != 0) {
            requireFree(host, port);
        }
        Vertx vertx = Vertx.vertx();
        HostBoundUiServer server = new HostBoundUiServer(host, port);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        vertx.deployVerticle(server, r -> {
            if (r.succeeded()) {
                deployed.complete(r.result());
            } else {
                deployed.completeExceptionally(r.cause());
            }
        });
        try {
            deployed.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(server, vertx);
            throw new IllegalStateException("interrupted while the DL4J UI server was starting", e);
        } catch (ExecutionException | TimeoutException e) {
            stop(server, vertx);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof BindException && port != 0 && root.getMessage() != null
                    && root.getMessage().contains("in use")) {
                throw new PortInUseException(port);
            }
            throw new IllegalStateException("the DL4J UI server did not start on " + host + ":" + port + " (expected an"
                    + " address of this machine for \"host\", e.g. 127.0.0.1 or 0.0.0.0): " + root, e);
        }
        LOG.info("DL4J UI server with the bidizoo dashboard listening on {}", describe(host, server.getPort()));
        return server;
    }

    /**
     * @param host an address
     * @return true for the wildcard addresses ({@code 0.0.0.0}, {@code ::}) that mean every interface
     */
    public static boolean everyInterface(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /**
     * @param host the address the server listens on
     * @param port its port
     * @return {@code http://host:port}, with {@code 127.0.0.1} for a wildcard address (browsers reach it there)
     */
    public static String url(String host, int port) {
        String h = everyInterface(host) ? LOOPBACK : host;
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    /**
     * @param host the address the server listens on
     * @param port its port
     * @return e.g. {@code 127.0.0.1:9000 (this machine only)} or {@code 0.0.0.0:9000 (every interface)}
     */
    public static String describe(String host, int port) {
        return host + ":" + port + (everyInterface(host) ? " (every interface: reachable from other machines)"
                : host.startsWith("127.") || host.equals("::1") || host.equals("localhost") ? " (this machine only)"
                : "");
    }

    /** Stops the JVM's UI server, if one runs. */
    public static synchronized void stop() {
        try {
            VertxUIServer.stopInstance();
        } catch (Exception e) {
            LOG.warn("stopping the UI server: {}", e.toString());
        }
    }

    private static void stop(HostBoundUiServer server, Vertx vertx) {
        if (VertxUIServer.getInstance() == server) {
            stop();
        } else {
            vertx.close();
        }
    }

    /**
     * @param host an address
     * @param port a port in [1, 65535]
     * @throws PortInUseException if something listens on it
     */
    static void requireFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw new PortInUseException(port);
            }
            throw new IllegalStateException("\"host\" = " + host + ": cannot listen there (" + e.getMessage()
                    + "); expected an address of this machine, e.g. 127.0.0.1 (the default) or 0.0.0.0 (every"
                    + " interface)", e);
        }
    }

    /** The chosen port is taken. */
    public static final class PortInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final int port;

        PortInUseException(int port) {
            super("port " + port + " is busy (another program listens on it); choose another \"port\" in the ui-config"
                    + " file, or 0 for any free port");
            this.port = port;
        }

        /** @return the busy port */
        public int port() {
            return port;
        }
    }
}
