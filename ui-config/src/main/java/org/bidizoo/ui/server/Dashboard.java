package org.bidizoo.ui.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.module.IndexModule;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dashboard: DL4J's UI server with our pages, and the storage the listeners post to (in
 * memory, a file that {@link #replay} can show again later, or a remote UI server).
 *
 * <pre>{@code
 * try (Dashboard d = Dashboard.start(config)) {
 *     System.err.println("dashboard: " + d.url());
 *     graph.addListeners(d.listeners(graph, sample).toArray(new TrainingListener[0]));
 *     graph.fit(...);
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final DashboardConfig config;
    private final UIServer server;
    private final StatsStorage storage;
    private final StatsStorageRouter router;
    private final String sessionId = UUID.randomUUID().toString();
    private final String base;
    private final String host;

    private Dashboard(DashboardConfig config, UIServer server, StatsStorage storage, StatsStorageRouter router,
                      String base, String host) {
        this.config = config;
        this.server = server;
        this.storage = storage;
        this.router = router;
        this.base = base;
        this.host = host;
    }

    /**
     * Starts the UI server (or, with {@code remote}, only a router to a remote one).
     *
     * @param config the dashboard config
     * @return the dashboard
     * @throws IOException if the storage file cannot be created
     * @throws UiServers.PortInUseException if the port is busy
     */
    public static Dashboard start(DashboardConfig config) throws IOException {
        if (config.remote() != null) {
            String base = config.remote().replaceAll("/+$", "");
            return new Dashboard(config, null, null, new RemoteUIStatsStorageRouter(base), base, null);
        }
        StatsStorage storage = openStorage(config.storage());
        UIServer server;
        try {
            server = UiServers.start(config.host(), config.port());
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        server.attach(storage);
        return new Dashboard(config, server, storage, storage, UiServers.url(config.host(), server.getPort()),
                config.host());
    }

    /**
     * Shows a finished run again from its storage file.
     *
     * @param file          a file written through a config with {@code storage}
     * @param host          the address to listen on ({@code 127.0.0.1}: this machine only)
     * @param port          the UI port, 0 for any free one
     * @param receiveRemote whether to also accept records posted by remote routers (stored in the file)
     * @return the dashboard
     * @throws IOException if the file is missing or unreadable
     */
    public static Dashboard replay(Path file, String host, int port, boolean receiveRemote) throws IOException {
        if (!Files.isRegularFile(file) && !receiveRemote) {
            throw new IOException("storage file " + file + " does not exist (write one with \"storage\" in the"
                    + " ui-config file of 'bidizoo train MODEL --ui CONFIG')");
        }
        StatsStorage storage = openStorage(file);
        UIServer server = UiServers.start(host, port);
        server.attach(storage);
        if (receiveRemote) {
            server.enableRemoteListener(storage, false);
        }
        DashboardConfig c = DashboardConfig.defaults().withHost(host);
        LOG.info("replaying {} ({} sessions)", file, storage.listSessionIDs().size());
        return new Dashboard(c, server, storage, storage, UiServers.url(host, server.getPort()), host);
    }

    private static StatsStorage openStorage(Path file) throws IOException {
        if (file == null) {
            return new InMemoryStatsStorage();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            return new FileStatsStorage(file.toFile());
        } catch (RuntimeException e) {
            throw new IOException("storage file " + file + " cannot be opened as DL4J stats storage: " + e.getMessage(),
                    e);
        }
    }

    /**
     * @param graph  the graph to watch
     * @param sample the fixed data to show
     * @return the listeners (DL4J stats, gallery, t-SNE, losses) for this dashboard's router and session
     */
    public List<TrainingListener> listeners(ComputationGraph graph, DashboardSample sample) {
        return listeners(graph, sample, UnaryOperator.identity());
    }

    /**
     * @param graph     the graph to watch
     * @param sample    the fixed data to show
     * @param inference how the gallery and t-SNE read the graph, e.g. {@code BidizooModel::inferenceGraph}
     *                  for an Associated Learning training graph (features and labels in)
     * @return the listeners for this dashboard's router and session
     */
    public List<TrainingListener> listeners(ComputationGraph graph, DashboardSample sample,
                                            UnaryOperator<ComputationGraph> inference) {
        return DashboardListeners.create(config, router, sessionId, graph, sample, inference);
    }

    /**
     * @param graph          the graph to watch
     * @param sample         the fixed data to show
     * @param inference      how the gallery and t-SNE read the graph
     * @param reconstruction a model's own reconstruction (trained graph, inputs) → reconstructions, shown when the
     *                       graph has no reconstruction output (e.g. {@code BidizooModel::reconstructionOf}), or null
     * @return the listeners for this dashboard's router and session
     */
    public List<TrainingListener> listeners(ComputationGraph graph, DashboardSample sample,
                                            UnaryOperator<ComputationGraph> inference,
                                            BiFunction<ComputationGraph, INDArray, INDArray> reconstruction) {
        return DashboardListeners.create(config, router, sessionId, graph, sample, inference, reconstruction);
    }

    /** @return the dashboard's start page, e.g. {@code http://127.0.0.1:9000/bidizoo} */
    public String url() {
        return base + IndexModule.PAGE;
    }

    /** @return DL4J's training overview page, or null when posting to a remote server */
    public String dl4jUrl() {
        return server == null ? null : base + "/train/overview";
    }

    /**
     * @return where the server listens, e.g. {@code 127.0.0.1:9000 (this machine only)}, or null when
     *         posting to a remote server
     */
    public String listening() {
        return server == null ? null : UiServers.describe(host, server.getPort());
    }

    /** @return the UI port, or -1 when posting to a remote server */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    /** @return the storage (null when posting to a remote server) */
    public StatsStorage storage() {
        return storage;
    }

    /** @return where listeners post */
    public StatsStorageRouter router() {
        return router;
    }

    /** @return this run's session ID */
    public String sessionId() {
        return sessionId;
    }

    /**
     * Stops the UI server and closes the storage (a file storage is then complete for replay), or stops
     * the remote router's posting thread.
     */
    @Override
    public void close() throws IOException {
        if (router instanceof RemoteUIStatsStorageRouter remote) {
            remote.close();
        }
        if (server != null) {
            server.detach(storage);
            UiServers.stop();
        }
        if (storage != null) {
            storage.close();
        }
    }
}
