package org.bidizoo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.layers.associated.AssociatedNames;
import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.config.DashboardConfigReader;
import org.bidizoo.ui.listener.DashboardListener;
import org.bidizoo.ui.listener.ReconstructionPoster;
import org.bidizoo.ui.server.Dashboard;
import org.bidizoo.cli.experiment.DashboardSamples;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;

/** The dashboard of one {@code bidizoo train --ui} run: started before training, final update after it. */
final class DashboardRun implements AutoCloseable, TrainingRun.Watcher {
    private final Dashboard dashboard;
    private final DashboardConfig config;
    private final List<DashboardListener> ours = new ArrayList<>();

    private DashboardRun(Dashboard dashboard, DashboardConfig config) {
        this.dashboard = dashboard;
        this.config = config;
    }

    /**
     * @param configFile the ui-config file, or empty for the defaults
     * @param host       the address to listen on, overriding the file's "host", or null to keep it
     * @param spec       the model to be trained (an Associated Learning model maps its f/b/h layers by default)
     * @param err        the console, where the URL is printed
     * @return the started dashboard
     * @throws IOException if the config or storage file cannot be read or written
     */
    static DashboardRun start(String configFile, String host, BidizooModel spec, PrintWriter err) throws IOException {
        DashboardConfig read = configFile.isEmpty() ? DashboardConfig.defaults()
                : DashboardConfigReader.read(Path.of(configFile));
        DashboardConfig config = host == null ? read : read.withHost(host);
        if (config.layers().isEmpty() && spec instanceof AssociatedZooModel al) {
            List<String> layers = new ArrayList<>(List.of(AssociatedNames.FEATURES));
            layers.addAll(al.metafeatureLayers());
            config = config.withLayers(layers);
        }
        Dashboard d = Dashboard.start(config);
        err.println("bidizoo: dashboard at " + d.url() + (d.dl4jUrl() == null ? "" : " (DL4J's pages: " + d.dl4jUrl()
                + "), listening on " + d.listening()));
        err.flush();
        return new DashboardRun(d, config);
    }

    /**
     * @param spec  the zoo model
     * @param graph its fresh graph
     * @param test    the test set, for the gallery and the t-SNE sample
     * @param dataset the dataset's name, for the class names
     */
    void attach(BidizooModel spec, ComputationGraph graph, LabeledImages test, String dataset) {
        List<TrainingListener> listeners = dashboard.listeners(graph, DashboardSamples.of(test, spec.featureLayout(),
                config, dataset), spec::inferenceGraph, spec.reconstructs() ? null : spec::reconstructionOf);
        for (TrainingListener l : listeners) {
            if (l instanceof DashboardListener d) {
                ours.add(d);
            }
        }
        graph.addListeners(listeners.toArray(new TrainingListener[0]));
    }

    @Override
    public void started(BidizooModel model, ComputationGraph graph, DataSplits data) {
        attach(model, graph, data.test(), data.name());
    }

    @Override
    public void finished(ComputationGraph graph, int iterations) {
        finish(graph, iterations);
    }

    /**
     * Posts a last update of every page.
     *
     * @param graph      the trained graph
     * @param iterations iterations trained
     */
    void finish(ComputationGraph graph, int iterations) {
        for (DashboardListener l : ours) {
            l.post(graph, iterations);
        }
        for (DashboardListener l : ours) {
            l.flush();
        }
    }

    /**
     * @param source the model's name
     * @return a poster of reconstruction records for a model that is not a graph, into this dashboard's session
     */
    ReconstructionPoster reconstructions(String source) {
        return new ReconstructionPoster(dashboard.router(), dashboard.sessionId(), source);
    }

    /** @return the config's interval between reconstruction updates */
    int reconstructionEvery() {
        return config.reconstructionEvery();
    }

    /** @return the config's number of gallery images */
    int galleryImages() {
        return config.galleryImages();
    }

    /** @return the dashboard's URL */
    String url() {
        return dashboard.url();
    }

    /** @return the storage file, or null */
    Path storage() {
        return config.storage();
    }

    /**
     * Keeps the dashboard open until the JVM is interrupted (Ctrl-C).
     *
     * @param err the console
     * @throws InterruptedException when interrupted
     */
    void await(PrintWriter err) throws InterruptedException {
        err.println("bidizoo: training done; the dashboard stays open at " + dashboard.url() + " until Ctrl-C");
        err.flush();
        new CountDownLatch(1).await();
    }

    @Override
    public void close() throws IOException {
        dashboard.close();
    }
}
