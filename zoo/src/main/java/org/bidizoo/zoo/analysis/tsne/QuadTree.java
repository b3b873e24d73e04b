package org.bidizoo.zoo.analysis.tsne;

/**
 * A 2-D Barnes-Hut quadtree over the embedding: each cell keeps its point count and centre of mass,
 * so the repulsive forces of a far cell are summed as one body.
 */
final class QuadTree {
    private static final int MAX_DEPTH = 48;

    private final double cx;
    private final double cy;
    private final double half;
    private double comX;
    private double comY;
    private int count;
    private int point = -1;
    private QuadTree[] kids;

    private QuadTree(double cx, double cy, double half) {
        this.cx = cx;
        this.cy = cy;
        this.half = half;
    }

    /**
     * @param y embedding {@code [n][2]}
     * @return the tree of all points
     */
    static QuadTree build(double[][] y) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : y) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double half = Math.max(maxX - minX, maxY - minY) / 2 + 1e-5;
        QuadTree root = new QuadTree((minX + maxX) / 2, (minY + maxY) / 2, half);
        for (int i = 0; i < y.length; i++) {
            root.insert(i, y[i][0], y[i][1], 0, y);
        }
        return root;
    }

    private void insert(int i, double x, double y, int depth, double[][] all) {
        comX = (comX * count + x) / (count + 1);
        comY = (comY * count + y) / (count + 1);
        count++;
        if (kids == null) {
            if (count == 1) {
                point = i;
                return;
            }
            if (depth >= MAX_DEPTH) {
                return; // coincident points: one aggregate leaf
            }
            kids = new QuadTree[4];
            int old = point;
            point = -1;
            child(all[old][0], all[old][1]).insert(old, all[old][0], all[old][1], depth + 1, all);
        }
        child(x, y).insert(i, x, y, depth + 1, all);
    }

    private QuadTree child(double x, double y) {
        int q = (x >= cx ? 1 : 0) + (y >= cy ? 2 : 0);
        if (kids[q] == null) {
            double h = half / 2;
            kids[q] = new QuadTree(cx + ((q & 1) == 1 ? h : -h), cy + ((q & 2) == 2 ? h : -h), h);
        }
        return kids[q];
    }

    /**
     * Adds the unnormalised repulsion on point {@code i}: {@code out[0..1] += Σ q²(y_i − y_j)} and
     * returns {@code Σ q} with {@code q = 1/(1 + |y_i − y_j|²)}, far cells summed as one body.
     *
     * @param i     the point
     * @param x     its x
     * @param y     its y
     * @param theta accuracy: a cell of width w at distance r is one body when {@code w / r < theta}
     * @param out   force accumulator {@code [2]}
     * @return the partial normalisation {@code Σ_j q_ij}
     */
    double repulsion(int i, double x, double y, double theta, double[] out) {
        if (count == 0 || (kids == null && point == i && count == 1)) {
            return 0;
        }
        double dx = x - comX;
        double dy = y - comY;
        double d2 = dx * dx + dy * dy;
        double width = 2 * half;
        if (kids == null || width * width < theta * theta * d2) {
            double q = 1.0 / (1.0 + d2);
            double mult = count * q * q;
            out[0] += mult * dx;
            out[1] += mult * dy;
            return count * q;
        }
        double sum = 0;
        for (QuadTree k : kids) {
            if (k != null) {
                sum += k.repulsion(i, x, y, theta, out);
            }
        }
        return sum;
    }
}
