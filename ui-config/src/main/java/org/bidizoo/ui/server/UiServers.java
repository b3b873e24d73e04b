package org.bidizoo.ui.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DL4J's UI server (one per JVM) on a chosen port, with our modules loaded through
 * {@code ServiceLoader}; a busy port is a clear error that names it.
 */
public final class UiServers {
    private static final Logger LOG = LoggerFactory.getLogger(UiServers.class);

    private UiServers() {
    }

    /**
     * @param port the port, or 0 for any free port
     * @return the running server (the JVM's existing one if it already listens on that port)
     * @throws PortInUseException if the port is taken
     */
    public static synchronized UIServer start(int port) {
        VertxUIServer running = VertxUIServer.getInstance();
        if (running != null && !running.isStopped()) {
            if (port == 0 || running.getPort() == port) {
                return running;
            }
            throw new IllegalStateException("a DL4J UI server already runs in this JVM at " + running.getAddress()
                    + "; cannot start another on port " + port);
        }
        if (port != 0) {
            requireFree(port);
        }
        try {
            VertxUIServer s = VertxUIServer.getInstance(port, false, null);
            LOG.info("DL4J UI server with the bidizoo dashboard at {}", s.getAddress());
            return s;
        } catch (DL4JException e) {
            stop();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof BindException) {
                throw new PortInUseException(port);
            }
            throw new IllegalStateException("the DL4J UI server did not start on port " + port + ": " + root, e);
        }
    }

    /** Stops the JVM's UI server, if one runs. */
    public static synchronized void stop() {
        try {
            VertxUIServer.stopInstance();
        } catch (Exception e) {
            LOG.warn("stopping the UI server: {}", e.toString());
        }
    }

    /**
     * @param port a port in [1, 65535]
     * @throws PortInUseException if something listens on it
     */
    static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new PortInUseException(port);
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
