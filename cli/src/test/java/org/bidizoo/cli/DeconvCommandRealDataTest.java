package org.bidizoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.JsonNode;

/** {@code bidizoo deconv} on a briefly trained zoo cnn and on a MultiLayerNetwork zip, with real MNIST test images. */
@Tag("data")
class DeconvCommandRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheGridOfTopImagesAndProjectionsOfATrainedCnn() throws Exception {
        JsonNode t = CliRunner.ok("train", "cnn", "--iterations", "40", "--out", tmp.resolve("cnn").toString(), "--json");
        String model = t.get("model_file").asText();
        Path out = tmp.resolve("deconv");
        JsonNode j = CliRunner.ok("deconv", "--model", model, "--layer", "conv1", "--top", "4", "--maps", "3",
                "--images", "500", "--out", out.toString(), "--json");
        assertEquals("conv1", j.get("layer").asText());
        assertEquals(32, j.get("layer_maps").asInt());
        assertEquals("deconvnet", j.get("rule").asText());
        assertEquals(3, j.get("maps").size());
        JsonNode first = j.get("maps").get(0);
        assertEquals(4, first.get("images").size());
        assertTrue(first.get("activations").get(0).asDouble() >= first.get("activations").get(3).asDouble());
        assertTrue(first.get("activations").get(0).asDouble() >= j.get("maps").get(2).get("activations").get(0)
                .asDouble(), "maps ordered by their top activation");
        Path png = Path.of(j.get("png").asText());
        assertEquals(out.resolve("deconv-conv1.png"), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 8 * 56 && img.getWidth() < 8 * 60, "4 images + 4 projections per row: "
                + img.getWidth());
        assertTrue(img.getHeight() >= 3 * 56 && img.getHeight() < 3 * 60, "3 rows: " + img.getHeight());
        JsonNode file = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(
                Files.readString(Path.of(j.get("json").asText())));
        assertEquals(j.get("maps"), file.get("maps"));

        CliRunner bad = CliRunner.run("deconv", "--model", model, "--layer", "label", "--out", out.toString(), "--json");
        assertEquals(1, bad.exitCode);
        assertEquals("--layer 'label' is a OutputLayer; expected a convolution layer: one of [conv0, conv1, conv2, conv3]",
                bad.json().get("error").asText());
        bad = CliRunner.run("deconv", "--model", model, "--layer", "conv1", "--top", "0", "--json");
        assertEquals("--top = 0: expected >= 1 images per feature map", bad.json().get("error").asText());
        bad = CliRunner.run("deconv", "--model", tmp.resolve("missing.zip").toString(), "--layer", "conv1", "--json");
        assertTrue(bad.json().get("error").asText().startsWith("--model '" + tmp.resolve("missing.zip")
                + "': no such file, and not a zoo model; expected a model zip or a zoo name, one of [lmser-dense"),
                bad.err + bad.out);
    }

    @Test
    void readsAMultiLayerNetworkWithMaxPooling() throws Exception {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1)).build());
        n.init();
        Path file = tmp.resolve("lenet.zip");
        ModelSerializer.writeModel(n, file.toFile(), false);
        JsonNode j = CliRunner.ok("deconv", "--model", file.toString(), "--layer", "2", "--top", "2", "--maps", "2",
                "--images", "100", "--rule", "guided", "--whole-map", "--out", tmp.resolve("d").toString(), "--json");
        assertEquals("2", j.get("layer").asText());
        assertEquals(8, j.get("layer_maps").asInt());
        assertEquals("map", j.get("projected").asText());
        assertTrue(Files.size(Path.of(j.get("png").asText())) > 500);
        CliRunner bad = CliRunner.run("deconv", "--model", file.toString(), "--layer", "1", "--json");
        assertEquals("--layer '1' is a SubsamplingLayer; expected a convolution layer: one of [0, 2]",
                bad.json().get("error").asText());
    }
}
