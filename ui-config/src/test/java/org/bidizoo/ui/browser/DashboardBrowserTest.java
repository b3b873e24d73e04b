package org.bidizoo.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.source.Split;
import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.server.Dashboard;
import org.bidizoo.ui.server.DashboardSample;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end: a short training on real MNIST posts to the dashboard while headless Chromium watches the
 * reconstruction gallery and the t-SNE page refresh; screenshots go to {@code target/dashboard-*.png}. And
 * the "bidizoo" link in the sidebar of DL4J's overview page leads to the dashboard.
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

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

    @Test
    void chromiumSeesReconstructionsAndTsnePointsEvolve() throws Exception {
        LabeledImages test = ImageDatasets.load("mnist", Split.TEST);
        INDArray trainX = test.features(range(1000, 6000), FeatureLayout.FLAT);
        INDArray trainY = test.oneHot(range(1000, 6000));
        INDArray gallery = test.features(range(0, 12), FeatureLayout.FLAT);
        INDArray mask = Nd4j.zeros(gallery.dataType(), 12, 784);
        mask.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(392, 784))
                .assign(1);
        DashboardSample sample = new DashboardSample(gallery, gallery.mul(mask.rsub(1)), mask, 1, 28, 28,
                test.features(range(0, 300), FeatureLayout.FLAT), test.oneHot(range(0, 300)), DashboardSample.DIGITS);
        DashboardConfig config = new DashboardConfig(0, "127.0.0.1", null, null, List.of("input", "code"), 300, 12, 10, 40, 300, 30,
                5, null, true);

        Path target = Path.of("target");
        Files.createDirectories(target);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger iterations = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Dashboard d = Dashboard.start(config)) {
            ComputationGraph g = autoencoder();
            g.addListeners(d.listeners(g, sample).toArray(new TrainingListener[0]));
            Thread training = new Thread(() -> {
                try {
                    for (int it = 0; it < 20_000 && !stop.get(); it++) {
                        int from = (it * 50) % 5000;
                        var idx = org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + 50);
                        INDArray x = trainX.get(idx);
                        g.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {x, trainY.get(idx)}));
                        iterations.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "training");
            training.start();
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.url().replace("/bidizoo", "/bidizoo/reconstructions"));
                wait.until(b -> b.findElements(By.cssSelector("img.row")).size() == 4 && (Boolean) browser
                        .executeScript("return Array.from(document.querySelectorAll('img.row'))"
                                + ".every(i => i.complete && i.naturalWidth > 0)"));
                List<String> rows = browser.findElements(By.cssSelector("img.row")).stream()
                        .map(e -> e.getAttribute("data-row")).toList();
                assertEquals(List.of("input", "reconstruction", "occluded", "recall"), rows);
                assertEquals(12 * 57 + 1, ((Number) browser.executeScript(
                        "return document.querySelector('img.row').naturalWidth")).intValue());
                int first = iterationOf(browser.findElement(By.id("status")));
                wait.until(b -> iterationOf(b.findElement(By.id("status"))) > first);
                Files.write(target.resolve("dashboard-reconstructions.png"), browser.getScreenshotAs(OutputType.BYTES));

                browser.get(d.url().replace("/bidizoo", "/bidizoo/tsne"));
                wait.until(b -> b.findElements(By.cssSelector("svg.tsne circle")).size() == 600);
                List<WebElement> captions = browser.findElements(By.cssSelector("figcaption.distances"));
                assertEquals(2, captions.size());
                assertTrue(captions.get(0).getText().startsWith("input: inter "), captions.get(0).getText());
                assertTrue(captions.get(1).getText().contains("inter/intra"), captions.get(1).getText());
                int tsneFirst = iterationOf(browser.findElement(By.id("status")));
                wait.until(b -> iterationOf(b.findElement(By.id("status"))) > tsneFirst);
                wait.until(b -> b.findElements(By.cssSelector("svg.tsne circle")).size() == 600);
                Files.write(target.resolve("dashboard-tsne.png"), browser.getScreenshotAs(OutputType.BYTES));

                browser.get(d.url().replace("/bidizoo", "/bidizoo/losses"));
                wait.until(b -> b.findElements(By.cssSelector("polyline.loss")).size() == 2);
            } finally {
                browser.quit();
                stop.set(true);
                training.join(WAIT.toMillis());
            }
            assertTrue(failure.get() == null, "training failed: " + failure.get());
            assertTrue(iterations.get() > 0);
        }
        assertTrue(Files.size(target.resolve("dashboard-tsne.png")) > 10_000);
    }

    @Test
    void chromiumFollowsTheLinkFromDl4jsOverviewToTheDashboard() throws Exception {
        DashboardConfig config = new DashboardConfig(0, "127.0.0.1", null, null, List.of(), 60, 8, 5, 10, 250, 10, 2, null, true);
        try (Dashboard d = Dashboard.start(config)) {
            ChromeDriver browser = HeadlessChromium.start(tmp.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                browser.get(d.dl4jUrl());
                WebElement link = wait.until(b -> b.findElements(By.id("bidizoo-link")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElse(null));
                assertTrue(browser.findElement(By.id("scoreiterchart")).isDisplayed(), "DL4J's score chart is there");
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "dashboard-dl4j-link.png"), browser.getScreenshotAs(OutputType.BYTES));
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
