package org.bidizoo.ui.server;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fixed data the dashboard's listeners show, in the graph's input layout.
 *
 * @param gallery      gallery images {@code [g, ...]}, values in [0, 1]
 * @param occluded     the gallery images occluded (same shape), or null
 * @param occludedMask 1 where hidden, 0 where visible (same number of values), or null
 * @param channels     image channels
 * @param height       image height
 * @param width        image width
 * @param tsneFeatures labeled sample for t-SNE {@code [n, ...]}
 * @param tsneLabels   its classes {@code [n]} or one-hot {@code [n, classes]}
 * @param classNames   the name of each class, for legends (e.g. {@link #DIGITS})
 */
public record DashboardSample(INDArray gallery, INDArray occluded, INDArray occludedMask, int channels, int height,
                              int width, INDArray tsneFeatures, INDArray tsneLabels, List<String> classNames) {
    /** MNIST's classes. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST's classes, in label order. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Copies the class names. */
    public DashboardSample {
        classNames = List.copyOf(classNames);
    }

    /**
     * @param dataset a dataset name ({@code mnist}, {@code fashion-mnist}, ...)
     * @return its class names: {@link #FASHION} for Fashion-MNIST, else {@link #DIGITS}
     */
    public static List<String> classNamesOf(String dataset) {
        return dataset.toLowerCase(java.util.Locale.ROOT).startsWith("fashion") ? FASHION : DIGITS;
    }
}
