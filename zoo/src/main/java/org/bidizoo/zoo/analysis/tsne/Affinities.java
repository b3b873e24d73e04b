package org.bidizoo.zoo.analysis.tsne;

import java.util.Arrays;

/**
 * The sparse, symmetric input affinities P of Barnes-Hut t-SNE (van der Maaten 2014): Gaussian
 * conditionals over each point's {@code 3·perplexity} nearest neighbours, each bandwidth found by
 * bisection so that the conditional's perplexity matches, then {@code P = (P_j|i + P_i|j) / 2n}.
 * Stored row-wise (CSR): row i holds columns {@code cols[rowStart[i] .. rowStart[i+1])}.
 */
final class Affinities {
    final int[] rowStart;
    final int[] cols;
    final double[] vals;

    private Affinities(int[] rowStart, int[] cols, double[] vals) {
        this.rowStart = rowStart;
        this.cols = cols;
        this.vals = vals;
    }

    /**
     * @param x          points {@code [n][d]}, {@code n >= 2}
     * @param perplexity target perplexity, {@code > 0}
     * @return the symmetric affinities; they sum to 1
     */
    static Affinities of(double[][] x, double perplexity) {
        int n = x.length;
        int k = Math.min(n - 1, Math.max(1, (int) (3 * perplexity)));
        NearestNeighbours.Result nn = NearestNeighbours.of(x, k);
        double[][] cond = new double[n][];
        for (int i = 0; i < n; i++) {
            cond[i] = conditional(nn.distances()[i], perplexity);
        }
        return symmetrize(nn.indices(), cond);
    }

    /** Gaussian conditional over sorted squared distances whose perplexity is {@code perplexity}. */
    private static double[] conditional(double[] d2, double perplexity) {
        int k = d2.length;
        double target = Math.log(perplexity);
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double[] p = new double[k];
        double min = d2[0];
        for (int iter = 0; iter < 200; iter++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[j] = Math.exp(-beta * (d2[j] - min));
                sum += p[j];
            }
            double h = 0;
            for (int j = 0; j < k; j++) {
                p[j] /= sum;
                if (p[j] > 1e-300) {
                    h -= p[j] * Math.log(p[j]);
                }
            }
            double diff = h - target;
            if (Math.abs(diff) < 1e-5) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        return p;
    }

    private static Affinities symmetrize(int[][] nbr, double[][] cond) {
        int n = nbr.length;
        // incoming edges j <- i, grouped by j; filled in increasing i, so sorted by column
        int[] inCount = new int[n + 1];
        for (int[] row : nbr) {
            for (int j : row) {
                inCount[j + 1]++;
            }
        }
        for (int j = 0; j < n; j++) {
            inCount[j + 1] += inCount[j];
        }
        int[] inCols = new int[inCount[n]];
        double[] inVals = new double[inCount[n]];
        int[] fill = Arrays.copyOf(inCount, n);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < nbr[i].length; t++) {
                int j = nbr[i][t];
                inCols[fill[j]] = i;
                inVals[fill[j]++] = cond[i][t];
            }
        }
        int[] rowStart = new int[n + 1];
        int[] cols = new int[2 * inCount[n]];
        double[] vals = new double[2 * inCount[n]];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = pos;
            Integer[] order = new Integer[nbr[i].length];
            for (int t = 0; t < order.length; t++) {
                order[t] = t;
            }
            final int row = i;
            Arrays.sort(order, (a, b) -> Integer.compare(nbr[row][a], nbr[row][b]));
            int a = 0;
            int b = inCount[i];
            int bEnd = inCount[i + 1];
            while (a < order.length || b < bEnd) {
                int ca = a < order.length ? nbr[i][order[a]] : Integer.MAX_VALUE;
                int cb = b < bEnd ? inCols[b] : Integer.MAX_VALUE;
                double v = 0;
                int c = Math.min(ca, cb);
                if (ca == c) {
                    v += cond[i][order[a++]];
                }
                if (cb == c) {
                    v += inVals[b++];
                }
                cols[pos] = c;
                vals[pos++] = v / (2.0 * n);
            }
        }
        rowStart[n] = pos;
        return new Affinities(rowStart, Arrays.copyOf(cols, pos), Arrays.copyOf(vals, pos));
    }
}
