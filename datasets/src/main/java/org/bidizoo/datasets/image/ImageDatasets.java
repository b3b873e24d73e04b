package org.bidizoo.datasets.image;

import java.io.IOException;
import java.nio.file.Path;

import org.bidizoo.datasets.idx.IdxArray;
import org.bidizoo.datasets.idx.IdxFormatException;
import org.bidizoo.datasets.idx.IdxReader;
import org.bidizoo.datasets.source.DataLocator;
import org.bidizoo.datasets.source.DatasetDescriptor;
import org.bidizoo.datasets.source.KnownDatasets;
import org.bidizoo.datasets.source.Split;

/** Loads the known IDX datasets into memory. */
public final class ImageDatasets {
    private ImageDatasets() {
    }

    /**
     * Loads a split of a known dataset from the default data directory, fetching it if absent.
     *
     * @param name  {@code mnist} or {@code fashion-mnist}
     * @param split train or test
     * @return the images and labels
     * @throws IOException if the data is unavailable or malformed (the message says how to fix it)
     */
    public static LabeledImages load(String name, Split split) throws IOException {
        return load(KnownDatasets.byName(name), split, DataLocator.fromEnvironment());
    }

    /**
     * @param d       the dataset
     * @param split   train or test
     * @param locator where to find (or fetch) it
     * @return the images and labels
     * @throws IOException if the data is unavailable or malformed
     */
    public static LabeledImages load(DatasetDescriptor d, Split split, DataLocator locator) throws IOException {
        Path dir = locator.require(d);
        return read(dir.resolve(d.images(split).fileName()), dir.resolve(d.labels(split).fileName()),
                d.channels(), d.height(), d.width(), d.numClasses());
    }

    /**
     * Reads an images/labels pair of IDX files of any count.
     *
     * @param images     images file, dimensions {@code [n, height, width]} (single-channel)
     * @param labels     labels file, dimensions {@code [n]}
     * @param channels   must be 1 for IDX images
     * @param height     expected height
     * @param width      expected width
     * @param numClasses number of classes
     * @return the images and labels
     * @throws IdxFormatException if a file is malformed or the counts differ
     * @throws IOException        if a file cannot be read
     */
    public static LabeledImages read(Path images, Path labels, int channels, int height, int width, int numClasses)
            throws IOException {
        if (channels != 1) {
            throw new IllegalArgumentException("channels: IDX image files hold 1 channel, got " + channels);
        }
        IdxArray img = IdxReader.read(images, -1, height, width);
        IdxArray lab = IdxReader.read(labels, -1);
        if (img.count() != lab.count()) {
            throw new IdxFormatException(labels + ": " + lab.count() + " labels but " + images + " holds "
                    + img.count() + " images; expected equal counts");
        }
        int[] y = new int[lab.count()];
        byte[] raw = lab.data();
        for (int i = 0; i < y.length; i++) {
            y[i] = raw[i] & 0xff;
            if (y[i] >= numClasses) {
                throw new IdxFormatException(labels + ": label " + y[i] + " at index " + i + ", expected a class in [0, "
                        + numClasses + ")");
            }
        }
        return new LabeledImages(img.data(), y, 1, height, width, numClasses);
    }
}
