package org.bidizoo.cli.experiment;

import org.bidizoo.datasets.corrupt.Corrupted;
import org.bidizoo.datasets.corrupt.Occlusion;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.ui.config.DashboardConfig;
import org.bidizoo.ui.server.DashboardSample;

/**
 * The dashboard's fixed data for a zoo model: the first test images for the gallery (and, occluded
 * in their lower half, for recall), and the first {@code sampleSize} labeled test images for t-SNE.
 */
public final class DashboardSamples {
    private DashboardSamples() {
    }

    /**
     * @param test   the test set
     * @param layout the model's feature layout
     * @param config gallery and sample sizes
     * @param dataset the dataset's name, for the class names
     * @return the sample
     */
    public static DashboardSample of(LabeledImages test, FeatureLayout layout, DashboardConfig config, String dataset) {
        int g = Math.min(config.galleryImages(), test.size());
        int n = Math.min(config.sampleSize(), test.size());
        var gallery = test.features(range(g), layout);
        Occlusion lowerHalf = new Occlusion(test.channels(), test.height(), test.width(), test.height() / 2,
                test.width(), test.height() - test.height() / 2, 0, 0f);
        Corrupted occluded = lowerHalf.apply(gallery, 0);
        return new DashboardSample(gallery, occluded.input(), occluded.mask(), test.channels(), test.height(),
                test.width(), test.features(range(n), layout), test.oneHot(range(n)),
                DashboardSample.classNamesOf(dataset));
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
