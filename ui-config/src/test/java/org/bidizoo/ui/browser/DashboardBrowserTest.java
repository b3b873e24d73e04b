package org.bidizoo.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.Split;
import org.bidizoo.layers.associated.AssociatedBlock;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.bidizoo.layers.associated.AssociatedNetwork;
import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.server.Dashboard;
import org.bidizoo.ui.server.TinyGraphs;
import org.bidizoo.ui.server.DashboardSample;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end on real MNIST, as a user sees it in headless Chromium while a graph trains: the reconstruction
 * gallery, the t-SNE charts (legend of class names, axis names, one chart per chosen layer, Lmser's levels),
 * the loss chart (AL's local losses), the answers off the happy path (400, 404, no reconstruction), the
 * bind address, and the link from DL4J's overview. Screenshots go to {@code target/dashboard-*.png}.
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> DIGITS = DashboardSample.DIGITS;

    private static LabeledImages test;
    private static INDArray trainX;
    private static INDArray trainY;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() throws Exception {
        test = ImageDatasets.load("mnist", Split.TEST);
        trainX = test.features(range(1000, 6000), FeatureLayout.FLAT);
        trainY = test.oneHot(range(1000, 6000));
    }

    private static DashboardSample sample(int gallery, int points) {
        INDArray g = test.features(range(0, gallery), FeatureLayout.FLAT);
        INDArray mask = Nd4j.zeros(g.dataType(), gallery, 784);
        mask.get(NDArrayIndex.all(), NDArrayIndex.interval(392, 784)).assign(1);
        return new DashboardSample(g, g.mul(mask.rsub(1)), mask, 1, 28, 28,
                test.features(range(0, points), FeatureLayout.FLAT), test.oneHot(range(0, points)), DIGITS);
    }

    private static DashboardConfig config(List<String> layers, int points) {
        return new DashboardConfig(0, "127.0.0.1", null, null, layers, points, 12, 10, 20, 300, 30, 5, null, true);
    }

    private static ComputationGraph autoencoder() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(2e-3)).graphBuilder()
                .addInputs("input")
                .addLayer("hidden", new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build(),
                        "input")
                .addLayer("code", new DenseLayer.Builder().nIn(128).nOut(32).activation(Activation.RELU).build(),
                        "hidden")
                .addLayer("decoded", new DenseLayer.Builder().nIn(32).nOut(128).activation(Activation.RELU).build(),
                        "code")
                .addLayer("reconstruction", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(128).nOut(784)
                        .activation(Activation.SIGMOID).build(), "decoded")
                .addLayer("label", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "code")
                .setOutputs("reconstruction", "label").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }


    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** Trains a graph on its own thread on minibatches of 50 until closed. */
    private static final class Training implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;
        private volatile Throwable failure;
        private volatile int iterations;

        Training(ComputationGraph g, IntFunction<org.nd4j.linalg.dataset.api.MultiDataSet> batch) {
            thread = new Thread(() -> {
                try {
                    for (int it = 0; it < 20_000 && !stop; it++) {
                        g.fit(batch.apply((it * 50) % 5000));
                        iterations++;
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            }, "training");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(WAIT.toMillis());
            assertTrue(failure == null, "training failed: " + failure);
            assertTrue(iterations > 0);
        }
    }

    private static INDArray rows(INDArray x, int from) {
        return x.get(NDArrayIndex.interval(from, from + 50));
    }

    /** @return an attribute of every element matching a selector, read in one script (pages redraw themselves) */
    @SuppressWarnings("unchecked")
    private static List<String> attributes(ChromeDriver browser, String css, String attribute) {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => e.getAttribute(arguments[1]))", css, attribute);
    }

    /** @return the texts of the SVG text elements inside an element, e.g. a chart's legend and axis names */
    @SuppressWarnings("unchecked")
    private static List<String> svgTexts(ChromeDriver browser, String css) {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]"
                + " + ' svg text')).map(t => t.textContent)", css);
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", name), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void autoencoderGalleryTsneChartsAndLossChartUpdate() throws Exception {
        try (Dashboard d = Dashboard.start(config(List.of("input", "code"), 300))) {
            ComputationGraph g = autoencoder();
            g.addListeners(d.listeners(g, sample(12, 300)).toArray(new TrainingListener[0]));
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try (Training t = new Training(g, from -> new MultiDataSet(new INDArray[] {rows(trainX, from)},
                    new INDArray[] {rows(trainX, from), rows(trainY, from)}))) {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.url() + "/reconstructions");
                wait.until(b -> b.findElements(By.cssSelector("img.row")).size() == 4 && (Boolean) browser
                        .executeScript("return Array.from(document.querySelectorAll('img.row'))"
                                + ".every(i => i.complete && i.naturalWidth > 0)"));
                assertEquals(List.of("input", "reconstruction", "occluded", "recall"),
                        attributes(browser, "img.row", "data-row"));
                assertEquals(12 * 57 + 1, ((Number) browser.executeScript(
                        "return document.querySelector('img.row').naturalWidth")).intValue());
                int first = iterationOf(browser.findElement(By.id("status")));
                wait.until(b -> iterationOf(b.findElement(By.id("status"))) > first);
                screenshot(browser, "dashboard-reconstructions.png");

                browser.get(d.url() + "/tsne");
                wait.until(b -> b.findElements(By.cssSelector("div.chart[data-points='300']")).size() == 2);
                List<WebElement> captions = browser.findElements(By.cssSelector("figcaption.distances"));
                assertTrue(captions.get(0).getText().startsWith("input: inter "), captions.get(0).getText());
                assertTrue(captions.get(1).getText().startsWith("code: inter "), captions.get(1).getText());
                List<String> texts = svgTexts(browser, "div.chart[data-layer='code']");
                assertTrue(texts.containsAll(DIGITS), "legend of the ten digits: " + texts);
                assertTrue(texts.containsAll(List.of("t-SNE 1", "t-SNE 2")), "axis names: " + texts);
                assertTrue(texts.stream().anyMatch(s -> s.matches("-?[0-9]+")), "tick values: " + texts);
                int tsneFirst = iterationOf(browser.findElement(By.id("status")));
                wait.until(b -> iterationOf(b.findElement(By.id("status"))) > tsneFirst);
                screenshot(browser, "dashboard-tsne.png");

                browser.get(d.url() + "/losses");
                wait.until(b -> "2".equals(b.findElement(By.id("curves")).getAttribute("data-series")));
                List<String> loss = svgTexts(browser, "#curves");
                assertTrue(loss.containsAll(List.of("reconstruction", "label", "iteration")), "legend, axis: " + loss);
                screenshot(browser, "dashboard-losses.png");

                browser.get(d.url() + "/inversion");
                wait.until(b -> b.findElements(By.cssSelector("img.row")).size() == 2 && (Boolean) browser
                        .executeScript("return Array.from(document.querySelectorAll('img.row'))"
                                + ".every(i => i.complete && i.naturalWidth > 0)"));
                assertEquals(List.of("input", "inversion"), attributes(browser, "img.row", "data-row"));
                assertTrue(browser.findElement(By.id("status")).getText().contains("layer label, mean cosine"),
                        browser.findElement(By.id("status")).getText());
                screenshot(browser, "dashboard-inversion.png");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void lmserLevelsAreChosenByNameOnTheTsnePage() throws Exception {
        List<String> layers = List.of("input", "lmser/level1", "lmser/level2");
        try (Dashboard d = Dashboard.start(config(layers, 200))) {
            ComputationGraph g = TinyGraphs.lmser(784, 64, 16);
            g.addListeners(d.listeners(g, sample(8, 200)).toArray(new TrainingListener[0]));
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try (Training t = new Training(g, from -> new MultiDataSet(rows(trainX, from), rows(trainX, from)))) {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.url() + "/tsne?layer=lmser/level2");
                wait.until(b -> b.findElements(By.cssSelector("div.chart[data-points='200']")).size() == 1);
                assertEquals("lmser/level2", browser.findElement(By.cssSelector("div.chart"))
                        .getAttribute("data-layer"));
                List<String> options = attributes(browser, "#layer option", "value");
                assertEquals(List.of("", "input", "lmser/level1", "lmser/level2"), options);
                assertTrue(svgTexts(browser, "div.chart").containsAll(DIGITS));
                screenshot(browser, "dashboard-lmser-level.png");
                browser.get(d.url() + "/reconstructions");
                wait.until(b -> b.findElements(By.cssSelector("img.row")).size() == 4);
                browser.get(d.url() + "/inversion");
                wait.until(b -> b.findElement(By.id("status")).getText().startsWith("This model has no dense or output"
                        + " layer among its outputs [reconstruction]"));
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void associatedLearningShowsLocalLossesItsLayersAndNoReconstruction() throws Exception {
        AssociatedLearning spec = AssociatedLearning.builder().inputType(InputType.feedForward(784)).numClasses(10)
                .updater(new Adam(1e-3)).seed(5).block(AssociatedBlock.dense(64, 32, 16))
                .block(AssociatedBlock.dense(32, 16)).build();
        ComputationGraph g = spec.build().training();
        List<String> layers = List.of("features", "f1", "f2", "b2", "h2", "h1");
        try (Dashboard d = Dashboard.start(config(layers, 200))) {
            UnaryOperator<ComputationGraph> prediction = graph -> AssociatedNetwork.of(graph).prediction();
            g.addListeners(d.listeners(g, sample(8, 200), prediction).toArray(new TrainingListener[0]));
            int outputs = g.getConfiguration().getNetworkOutputs().size();
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try (Training t = new Training(g, from -> spec.trainingBatch(rows(trainX, from), rows(trainY, from)))) {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.url() + "/tsne");
                wait.until(b -> b.findElements(By.cssSelector("div.chart[data-points='200']")).size() == layers.size());
                assertEquals(layers, attributes(browser, "div.chart", "data-layer"));
                screenshot(browser, "dashboard-al-tsne.png");
                browser.get(d.url() + "/losses");
                wait.until(b -> String.valueOf(outputs).equals(b.findElement(By.id("curves"))
                        .getAttribute("data-series")));
                assertTrue(svgTexts(browser, "#curves").containsAll(g.getConfiguration().getNetworkOutputs()));
                screenshot(browser, "dashboard-al-losses.png");
                browser.get(d.url() + "/reconstructions");
                wait.until(b -> b.findElement(By.id("status")).getText()
                        .startsWith("This model has no reconstruction"));
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void wrongAddressesAreAnsweredAndTheServerStaysOnLoopback() throws Exception {
        try (Dashboard d = Dashboard.start(config(List.of("input", "code"), 60))) {
            ComputationGraph g = autoencoder();
            d.listeners(g, sample(8, 60));
            assertEquals("127.0.0.1:" + d.port() + " (this machine only)", d.listening());
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.url() + "/tsne?layer=bogus");
                assertEquals("Unknown layer", browser.findElement(By.id("title")).getText());
                assertEquals("layer=bogus is not mapped on this dashboard; the mapped layers are input, code (choose"
                        + " them with \"layers\" in the ui-config file).",
                        browser.findElement(By.id("message")).getText());
                browser.get(d.url() + "/nonexistent");
                assertEquals("Not found", browser.findElement(By.id("title")).getText());
                browser.findElement(By.id("back")).click();
                wait.until(b -> "bidizoo dashboard".equals(b.getTitle()));
                var refused = assertThrows(WebDriverException.class,
                        () -> browser.get("http://127.0.0.2:" + d.port() + "/bidizoo"));
                assertTrue(refused.getMessage().contains("ERR_CONNECTION_REFUSED"),
                        "a server on 127.0.0.1 must refuse 127.0.0.2 (another loopback address): " + refused);
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void chromiumSeesDl4jsOverviewFilledForLmserAndFollowsTheLinkToTheDashboard() throws Exception {
        DashboardConfig config = new DashboardConfig(0, "127.0.0.1", null, null, List.of("input"), 60, 8, 5, 10, 250,
                10, 2, null, true);
        try (Dashboard d = Dashboard.start(config)) {
            ComputationGraph g = TinyGraphs.lmser(784, 64, 16);
            g.addListeners(d.listeners(g, sample(8, 60)).toArray(new TrainingListener[0]));
            for (int from = 0; from < 500; from += 50) {
                g.fit(new MultiDataSet(rows(trainX, from), rows(trainX, from)));
            }
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.dl4jUrl());
                WebElement link = wait.until(b -> b.findElements(By.id("bidizoo-link")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElse(null));
                assertTrue(browser.findElement(By.id("scoreiterchart")).isDisplayed(), "DL4J's score chart is there");
                wait.until(b -> b.findElement(By.id("startTime")).getText().matches("\\d{4}-\\d\\d-\\d\\d .*")
                        && !b.findElement(By.id("totalRuntime")).getText().isEmpty());
                wait.until(b -> (Boolean) browser.executeScript(
                        "return document.getElementById('updateRatioChart').innerText.includes('lmser_W0_W')"));
                screenshot(browser, "dashboard-dl4j-link.png");
                link.click();
                wait.until(b -> d.url().equals(b.getCurrentUrl()));
                assertEquals("bidizoo dashboard", browser.getTitle());
            } finally {
                browser.quit();
            }
        }
    }

    private static int iterationOf(WebElement status) {
        String t = status.getText();
        if (!t.startsWith("iteration ")) {
            return -1;
        }
        return Integer.parseInt(t.substring("iteration ".length(), t.indexOf(',')));
    }
}
