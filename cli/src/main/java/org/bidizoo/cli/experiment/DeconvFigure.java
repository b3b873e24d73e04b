package org.bidizoo.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bidizoo.cli.image.ImageGrid;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.zoo.analysis.deconv.BackwardRule;
import org.bidizoo.zoo.analysis.deconv.DeconvVisualizer;
import org.bidizoo.zoo.analysis.deconv.TopActivations;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Zeiler and Fergus's figure for one convolution layer of a trained network: one PNG row per feature map,
 * the test images that activate it most, then the projection of each image's strongest unit of the map
 * to pixels (grey = 0, brighter = positive, each projection scaled by its own largest magnitude).
 */
public final class DeconvFigure {
    private DeconvFigure() {
    }

    /**
     * @param modelName a display name of the model
     * @param weights   where its weights came from
     * @param graph     the trained graph
     * @param layout    its input layout
     * @param test      the test images
     * @param dataset   the dataset's name
     * @param layer     a convolution layer's name or index
     * @param top       images per map
     * @param maps      feature maps to show
     * @param images    test images to search (the first ones)
     * @param rule      how activations are passed down
     * @param wholeMap  project each image's whole map instead of its strongest unit
     * @param out       the folder for {@code deconv-LAYER.png} (written here) and {@code deconv-LAYER.json} (named in
     *                  the report, for the caller to write)
     * @return the report naming the files
     * @throws IOException if a file cannot be written
     */
    public static Report run(String modelName, String weights, ComputationGraph graph, FeatureLayout layout,
                             LabeledImages test, String dataset, String layer, int top, int maps, int images,
                             BackwardRule rule, boolean wholeMap, Path out) throws IOException {
        if (images < 1) {
            throw new IllegalArgumentException("--images = " + images + ": expected >= 1 test images to search");
        }
        int n = Math.min(images, test.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        INDArray x = test.features(idx, layout);
        DeconvVisualizer.Result r = DeconvVisualizer.visualize(graph, layer, x, top, maps, rule, !wholeMap);
        List<INDArray> rows = new ArrayList<>();
        List<Map<String, Object>> views = new ArrayList<>();
        for (DeconvVisualizer.MapView v : r.views()) {
            rows.add(Nd4j.concat(0, v.images(), scaled(v.projections())));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("map", v.map());
            m.put("images", v.hits().stream().map(TopActivations.Hit::image).toList());
            m.put("labels", v.hits().stream().map(h -> test.label(h.image())).toList());
            m.put("activations", v.hits().stream().map(TopActivations.Hit::value).toList());
            views.add(m);
        }
        String stem = "deconv-" + r.layer().replaceAll("[^A-Za-z0-9_.-]", "_");
        Path png = out.resolve(stem + ".png");
        Path json = out.resolve(stem + ".json");
        ImageGrid.write(png, rows, test.channels(), test.height(), test.width(), 2);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", modelName);
        j.put("weights", weights);
        j.put("dataset", dataset);
        j.put("layer", r.layer());
        j.put("layer_maps", r.maps());
        j.put("rule", rule.cliName());
        j.put("projected", wholeMap ? "map" : "strongest unit");
        j.put("top", top);
        j.put("images_searched", n);
        j.put("maps", views);
        j.put("png", png.toString());
        j.put("json", json.toString());
        String text = String.format("%s, layer %s (%d maps): the %d most active maps, each row %d strongest of %d %s"
                + " test images then their %s projections: %s", modelName, r.layer(), r.maps(), views.size(), top, n,
                dataset, rule.cliName(), png);
        return new Report(j, text);
    }

    /** Each projection to [0, 1]: 0.5 + p / (2 max|p|). */
    private static INDArray scaled(INDArray p) {
        INDArray flat = p.reshape(p.size(0), -1).dup();
        INDArray max = Transforms.abs(flat, true).max(1).reshape(p.size(0), 1).addi(1e-12);
        return flat.diviColumnVector(max).muli(0.5).addi(0.5).reshape(p.shape());
    }
}
