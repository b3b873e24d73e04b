package org.bidizoo.zoo.analysis.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inter- and intra-class distances of seed 003 (Wu et al., Associated Learning, Table 3.4), Euclidean:
 * <ul>
 *   <li>intra: {@code d_k^intra} is the average distance between any two points of class k; the
 *       intra-class distance is the mean of {@code d_k^intra} over the classes;</li>
 *   <li>inter: the average distance between the centroids of any two classes;</li>
 *   <li>ratio: inter / intra (the table's "Inter:Intra ratio"; larger is better separated).</li>
 * </ul>
 * Classes with fewer than two points have no intra-class distance and are left out of the intra mean.
 *
 * @param inter   average distance between class centroids
 * @param intra   mean over classes of the average within-class pairwise distance
 * @param ratio   inter / intra
 * @param classes number of classes present
 */
public record ClassDistances(double inter, double intra, double ratio, int classes) {

    /**
     * @param x      points {@code [n][d]}
     * @param labels class of each point {@code [n]}
     * @return the distances; at least two classes and one class with two points are needed
     */
    public static ClassDistances of(double[][] x, int[] labels) {
        if (x.length != labels.length) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for " + x.length + " points");
        }
        TreeMap<Integer, List<double[]>> byClass = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(x[i]);
        }
        if (byClass.size() < 2) {
            throw new IllegalArgumentException("labels: need points of at least two classes, got " + byClass.size());
        }
        List<double[]> centroids = new ArrayList<>();
        double intraSum = 0;
        int intraClasses = 0;
        for (List<double[]> pts : byClass.values()) {
            int d = pts.get(0).length;
            double[] c = new double[d];
            for (double[] p : pts) {
                for (int t = 0; t < d; t++) {
                    c[t] += p[t] / pts.size();
                }
            }
            centroids.add(c);
            if (pts.size() >= 2) {
                intraSum += meanPairwise(pts);
                intraClasses++;
            }
        }
        if (intraClasses == 0) {
            throw new IllegalArgumentException("labels: no class has two points, so there is no intra-class distance");
        }
        double inter = meanPairwise(centroids);
        double intra = intraSum / intraClasses;
        return new ClassDistances(inter, intra, inter / intra, byClass.size());
    }

    /**
     * @param x      points {@code [n, d]} (rank > 2 is flattened per row)
     * @param labels class indices {@code [n]} or one-hot {@code [n, classes]}
     * @return the distances
     */
    public static ClassDistances of(INDArray x, INDArray labels) {
        return of(x.castTo(DataType.DOUBLE).reshape('c', x.size(0), x.length() / x.size(0)).toDoubleMatrix(),
                Classes.of(labels));
    }

    private static double meanPairwise(List<double[]> pts) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + 1; j < pts.size(); j++) {
                sum += Math.sqrt(squaredDistance(pts.get(i), pts.get(j)));
                pairs++;
            }
        }
        return sum / pairs;
    }

    /**
     * @param a a point
     * @param b another point of the same length
     * @return the squared Euclidean distance (shared by the metrics and the t-SNE neighbour search)
     */
    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            double d = a[t] - b[t];
            s += d * d;
        }
        return s;
    }

    /** Class indices from ND4J label arrays. */
    public static final class Classes {
        private Classes() {
        }

        /**
         * @param labels class indices {@code [n]} / {@code [n, 1]}, or one-hot {@code [n, classes]}
         * @return the class of each row
         */
        public static int[] of(INDArray labels) {
            if (labels.rank() == 2 && labels.size(1) > 1) {
                return labels.argMax(1).toIntVector();
            }
            return labels.castTo(DataType.INT).reshape(labels.length()).toIntVector();
        }
    }
}
