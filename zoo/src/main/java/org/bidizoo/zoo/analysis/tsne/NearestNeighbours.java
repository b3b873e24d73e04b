package org.bidizoo.zoo.analysis.tsne;

import java.util.stream.IntStream;

import org.bidizoo.zoo.analysis.metrics.ClassDistances;

/**
 * Exact k nearest neighbours by brute force (squared Euclidean distance), one row at a time in
 * parallel. Deterministic: ties are broken by the smaller index.
 */
final class NearestNeighbours {
    private NearestNeighbours() {
    }

    /**
     * @param x points {@code [n][d]}
     * @param k neighbours per point, {@code 1 <= k < n}
     * @return for each point, its k neighbours (nearest first) as indices {@code [n][k]} and squared
     *         distances {@code [n][k]}
     */
    static Result of(double[][] x, int k) {
        int n = x.length;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k = " + k + ", expected 1 <= k < n = " + n);
        }
        int[][] idx = new int[n][];
        double[][] dist = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] hi = new int[k];
            double[] hd = new double[k];
            int size = 0;
            double[] xi = x[i];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = ClassDistances.squaredDistance(xi, x[j]);
                if (size < k) {
                    size++;
                    siftUp(hi, hd, size - 1, j, d);
                } else if (d < hd[0]) {
                    replaceTop(hi, hd, size, j, d);
                }
            }
            // heap sort ascending: pop the largest to the end
            for (int end = size - 1; end > 0; end--) {
                int ti = hi[0];
                double td = hd[0];
                replaceTop(hi, hd, end + 1, hi[end], hd[end]);
                hi[end] = ti;
                hd[end] = td;
            }
            idx[i] = hi;
            dist[i] = hd;
        });
        return new Result(idx, dist);
    }

    // max-heap on (distance, index): larger distance, or equal distance and larger index, is "larger"
    private static boolean larger(double da, int ia, double db, int ib) {
        return da > db || (da == db && ia > ib);
    }

    private static void siftUp(int[] hi, double[] hd, int pos, int j, double d) {
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (!larger(d, j, hd[parent], hi[parent])) {
                break;
            }
            hi[pos] = hi[parent];
            hd[pos] = hd[parent];
            pos = parent;
        }
        hi[pos] = j;
        hd[pos] = d;
    }

    private static void replaceTop(int[] hi, double[] hd, int size, int j, double d) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                break;
            }
            int c = l;
            if (l + 1 < size && larger(hd[l + 1], hi[l + 1], hd[l], hi[l])) {
                c = l + 1;
            }
            if (!larger(hd[c], hi[c], d, j)) {
                break;
            }
            hi[pos] = hi[c];
            hd[pos] = hd[c];
            pos = c;
        }
        hi[pos] = j;
        hd[pos] = d;
    }

    /**
     * @param indices   {@code [n][k]} neighbour indices, nearest first
     * @param distances {@code [n][k]} squared distances
     */
    record Result(int[][] indices, double[][] distances) {
    }
}
