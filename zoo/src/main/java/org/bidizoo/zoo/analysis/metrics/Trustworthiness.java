package org.bidizoo.zoo.analysis.metrics;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * How faithfully an embedding keeps neighbourhoods (Venna and Kaski 2001; as in scikit-learn's
 * {@code trustworthiness}): {@code T(k) = 1 − 2/(n k (2n − 3k − 1)) Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k)},
 * where {@code U_k(i)} are the embedding's k nearest neighbours of i that are not among its k nearest
 * in the input, and {@code r(i, j)} is j's rank among i's input-space neighbours. 1 is perfect; a
 * random embedding scores about 0.5. Also the k-NN preservation: the mean fraction of each point's k
 * nearest neighbours in the input that are also among its k nearest in the embedding.
 *
 * @param trustworthiness T(k)
 * @param knnPreservation mean fraction of shared k nearest neighbours
 * @param k               neighbourhood size
 * @param queries         points whose neighbourhoods were scored ({@code n} when exact)
 */
public record Trustworthiness(double trustworthiness, double knnPreservation, int k, int queries) {

    /**
     * Exact: every point's neighbourhood, {@code O(n² d)}.
     *
     * @param x input points {@code [n][d]}
     * @param y embedding {@code [n][e]}
     * @param k neighbourhood size, {@code 1 <= k < n/2}
     * @return the scores
     */
    public static Trustworthiness of(double[][] x, double[][] y, int k) {
        return estimate(x, y, k, x.length, 0);
    }

    /**
     * Estimated on a random subset of query points (each still ranked against all n points).
     *
     * @param x       input points {@code [n][d]}
     * @param y       embedding {@code [n][e]}
     * @param k       neighbourhood size, {@code 1 <= k < n/2}
     * @param queries how many points to score ({@code n} or more: all of them)
     * @param seed    seed of the subset
     * @return the scores
     */
    public static Trustworthiness estimate(double[][] x, double[][] y, int k, int queries, long seed) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("y: " + y.length + " embedded points for " + n + " input points");
        }
        if (k < 1 || 2 * k >= n) {
            throw new IllegalArgumentException("k = " + k + ", expected 1 <= k < n/2 = " + n / 2.0);
        }
        int[] q;
        if (queries >= n) {
            q = IntStream.range(0, n).toArray();
        } else {
            int[] perm = IntStream.range(0, n).toArray();
            Random r = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            q = Arrays.copyOf(perm, queries);
            Arrays.sort(q);
        }
        double[] penalty = new double[q.length];
        double[] shared = new double[q.length];
        IntStream.range(0, q.length).parallel().forEach(a -> {
            int i = q[a];
            int[] inRank = ranks(x, i);
            Integer[] byY = order(y, i);
            double pen = 0;
            int common = 0;
            for (int t = 1; t <= k; t++) {
                int j = byY[t];
                int r = inRank[j];
                if (r > k) {
                    pen += r - k;
                } else {
                    common++;
                }
            }
            penalty[a] = pen;
            shared[a] = common / (double) k;
        });
        double sumPen = 0;
        double sumShared = 0;
        for (int a = 0; a < q.length; a++) {
            sumPen += penalty[a];
            sumShared += shared[a];
        }
        double t = 1 - 2.0 / ((double) q.length * k * (2.0 * n - 3.0 * k - 1.0)) * sumPen;
        return new Trustworthiness(t, sumShared / q.length, k, q.length);
    }

    /** @return rank of each point among i's neighbours: i itself 0, its nearest 1, ... */
    private static int[] ranks(double[][] x, int i) {
        Integer[] o = order(x, i);
        int[] rank = new int[x.length];
        for (int r = 0; r < o.length; r++) {
            rank[o[r]] = r;
        }
        return rank;
    }

    private static Integer[] order(double[][] x, int i) {
        int n = x.length;
        double[] d = new double[n];
        Integer[] o = new Integer[n];
        for (int j = 0; j < n; j++) {
            d[j] = j == i ? -1 : ClassDistances.squaredDistance(x[i], x[j]);
            o[j] = j;
        }
        Arrays.sort(o, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
        return o;
    }
}
