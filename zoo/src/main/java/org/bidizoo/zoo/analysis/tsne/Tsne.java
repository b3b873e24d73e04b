package org.bidizoo.zoo.analysis.tsne;

import java.util.Random;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barnes-Hut t-SNE (van der Maaten, JMLR 2014), written for bidizoo: sparse input affinities over
 * {@code 3·perplexity} exact nearest neighbours, a quadtree for the repulsive forces, early
 * exaggeration, momentum and per-coordinate gains as in the reference implementation. Inputs wider
 * than {@link Builder#pcaDimensions(int)} are first projected on their principal components.
 *
 * <p>Deterministic: the same input, settings and seed give the same embedding (per-point work runs in
 * parallel, but every sum is taken in a fixed order).
 *
 * <pre>{@code
 * double[][] y = Tsne.builder().perplexity(30).iterations(1000).seed(42).build().embed(x); // [n][2]
 * }</pre>
 */
public final class Tsne {
    private static final Logger LOG = LoggerFactory.getLogger(Tsne.class);

    private final double perplexity;
    private final double theta;
    private final int iterations;
    private final long seed;
    private final int pcaDimensions;
    private final double learningRate;
    private final double exaggeration;
    private final int exaggerationIterations;

    private Tsne(Builder b) {
        this.perplexity = b.perplexity;
        this.theta = b.theta;
        this.iterations = b.iterations;
        this.seed = b.seed;
        this.pcaDimensions = b.pcaDimensions;
        this.learningRate = b.learningRate;
        this.exaggeration = b.exaggeration;
        this.exaggerationIterations = b.exaggerationIterations;
    }

    /** @return a builder with the reference defaults (perplexity 30, θ 0.5, 1000 iterations, seed 42) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param x points {@code [n, d]} (any floating type), {@code n >= 4}
     * @return the embedding {@code [n, 2]}, double
     */
    public INDArray embed(INDArray x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("x: expected a matrix [n, d], got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return Nd4j.createFromArray(embed(x.castTo(DataType.DOUBLE).toDoubleMatrix()));
    }

    /**
     * @param x points {@code [n][d]}, {@code n >= 4}, all rows of the same length, finite
     * @return the embedding {@code [n][2]}
     */
    public double[][] embed(double[][] x) {
        return embed(x, null);
    }

    /**
     * Continues from an earlier map (e.g. the previous update of a dashboard), so that points stay where
     * they were unless the data moved them: the optimisation starts at {@code initial} without early
     * exaggeration.
     *
     * @param x       points {@code [n][d]}, {@code n >= 4}, all rows of the same length, finite
     * @param initial a map {@code [n][2]} to start from, or null for a fresh (seeded random) start
     * @return the embedding {@code [n][2]}
     */
    public double[][] embed(double[][] x, double[][] initial) {
        int n = x.length;
        if (initial != null && (initial.length != n || initial[0].length != 2)) {
            throw new IllegalArgumentException("initial: expected a map [" + n + "][2], got [" + initial.length + "]["
                    + (initial.length == 0 ? 0 : initial[0].length) + "]");
        }
        if (n < 4) {
            throw new IllegalArgumentException("x: t-SNE needs at least 4 points, got " + n);
        }
        int d = x[0].length;
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("x: row " + i + " has " + x[i].length + " values, row 0 has " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("x: row " + i + " has a non-finite value " + v);
                }
            }
        }
        if (perplexity * 3 >= n) {
            LOG.warn("perplexity {} is large for {} points (3·perplexity neighbours); using {} neighbours", perplexity,
                    n, n - 1);
        }
        long t0 = System.nanoTime();
        double[][] in = pcaDimensions > 0 && d > pcaDimensions ? Pca.project(x, pcaDimensions) : x;
        Affinities p = Affinities.of(in, Math.min(perplexity, (n - 1) / 3.0));
        long t1 = System.nanoTime();
        double[][] y = optimise(p, n, initial);
        LOG.debug("t-SNE of {} points x {}: affinities {} ms, optimisation {} ms", n, d, (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
        return y;
    }

    private double[][] optimise(Affinities p, int n, double[][] initial) {
        Random rnd = new Random(seed);
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            y[i][0] = initial != null ? initial[i][0] : 1e-4 * rnd.nextGaussian();
            y[i][1] = initial != null ? initial[i][1] : 1e-4 * rnd.nextGaussian();
        }
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            g[0] = 1;
            g[1] = 1;
        }
        double eta = learningRate > 0 ? learningRate : Math.max(n / exaggeration / 4, 50);
        double[][] attr = new double[n][2];
        double[][] rep = new double[n][2];
        double[] z = new double[n];
        // short runs still need most of their steps unexaggerated to unfold the map
        int early = initial != null ? 0 : Math.min(exaggerationIterations, iterations / 4);
        for (int it = 0; it < iterations; it++) {
            double exag = it < early ? exaggeration : 1;
            double momentum = it < early ? 0.5 : 0.8;
            QuadTree tree = QuadTree.build(y);
            double[][] yy = y;
            IntStream.range(0, n).parallel().forEach(i -> {
                double ax = 0;
                double ay = 0;
                for (int t = p.rowStart[i]; t < p.rowStart[i + 1]; t++) {
                    int j = p.cols[t];
                    double dx = yy[i][0] - yy[j][0];
                    double dy = yy[i][1] - yy[j][1];
                    double q = p.vals[t] / (1 + dx * dx + dy * dy);
                    ax += q * dx;
                    ay += q * dy;
                }
                attr[i][0] = ax;
                attr[i][1] = ay;
                rep[i][0] = 0;
                rep[i][1] = 0;
                z[i] = tree.repulsion(i, yy[i][0], yy[i][1], theta, rep[i]);
            });
            double sumQ = 0;
            for (double v : z) {
                sumQ += v;
            }
            double meanX = 0;
            double meanY = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    double g = 4 * (exag * attr[i][c] - rep[i][c] / sumQ);
                    gains[i][c] = Math.signum(g) != Math.signum(update[i][c]) ? gains[i][c] + 0.2
                            : Math.max(0.01, gains[i][c] * 0.8);
                    update[i][c] = momentum * update[i][c] - eta * gains[i][c] * g;
                    y[i][c] += update[i][c];
                }
                meanX += y[i][0];
                meanY += y[i][1];
            }
            meanX /= n;
            meanY /= n;
            for (double[] row : y) {
                row[0] -= meanX;
                row[1] -= meanY;
            }
        }
        return y;
    }

    /** Settings; {@link #build()} validates them. */
    public static final class Builder {
        private double perplexity = 30;
        private double theta = 0.5;
        private int iterations = 1000;
        private long seed = 42;
        private int pcaDimensions = 50;
        private double learningRate = 0;
        private double exaggeration = 12;
        private int exaggerationIterations = 250;

        private Builder() {
        }

        /** @param v effective number of neighbours, {@code > 0} (default 30) @return this */
        public Builder perplexity(double v) {
            this.perplexity = v;
            return this;
        }

        /** @param v Barnes-Hut accuracy in [0, 1], 0 = exact repulsion (default 0.5) @return this */
        public Builder theta(double v) {
            this.theta = v;
            return this;
        }

        /** @param v gradient steps, {@code >= 1} (default 1000) @return this */
        public Builder iterations(int v) {
            this.iterations = v;
            return this;
        }

        /** @param v seed of the initial embedding (default 42) @return this */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** @param v project wider inputs on this many principal components first; 0 = never (default 50) @return this */
        public Builder pcaDimensions(int v) {
            this.pcaDimensions = v;
            return this;
        }

        /** @param v step size; 0 = automatic, {@code max(n / exaggeration / 4, 50)} (default 0) @return this */
        public Builder learningRate(double v) {
            this.learningRate = v;
            return this;
        }

        /**
         * @param factor     early exaggeration of P, {@code >= 1} (default 12)
         * @param iterations how many first steps use it, at most a quarter of all steps (default 250)
         * @return this
         */
        public Builder exaggeration(double factor, int iterations) {
            this.exaggeration = factor;
            this.exaggerationIterations = iterations;
            return this;
        }

        /** @return the validated t-SNE */
        public Tsne build() {
            if (!(perplexity > 0)) {
                throw new IllegalArgumentException("perplexity = " + perplexity + ", expected > 0");
            }
            if (!(theta >= 0 && theta <= 1)) {
                throw new IllegalArgumentException("theta = " + theta + ", expected in [0, 1]");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations = " + iterations + ", expected >= 1");
            }
            if (pcaDimensions < 0) {
                throw new IllegalArgumentException("pcaDimensions = " + pcaDimensions + ", expected >= 0");
            }
            if (!(learningRate >= 0)) {
                throw new IllegalArgumentException("learningRate = " + learningRate + ", expected >= 0 (0 = auto)");
            }
            if (!(exaggeration >= 1) || exaggerationIterations < 0) {
                throw new IllegalArgumentException("exaggeration = " + exaggeration + " for " + exaggerationIterations
                        + " iterations, expected a factor >= 1 and iterations >= 0");
            }
            return new Tsne(this);
        }
    }
}
