package org.bidizoo.layers.associated;

/**
 * Vertex names of an Associated Learning graph, for block i = 1..N. Hidden activations are read by
 * these names ({@code graph.feedForward(...).get(name)}, or a t-SNE of a hidden layer):
 * <ul>
 *   <li>{@code f<i>}: s_i = f_i(s_{i-1}), the feature path (f_i's other layers are {@code f<i>_<j>})</li>
 *   <li>{@code g<i>}: t_i = g_i(t_{i-1}), the target path (t_0 = the one-hot labels)</li>
 *   <li>{@code b<i>}: b_i(s_i), the bridge output (its hidden layers are {@code b<i>_<j>})</li>
 *   <li>{@code h<i>}: h_i(t_i) ≈ t_{i-1}, the inverse (decoder) path; in the prediction graph {@code h1}
 *       is the class-score output</li>
 *   <li>{@code sg_s<i>}, {@code sg_t<i>}: the stop-gradient copies of s_i and t_i</li>
 *   <li>{@code loss_fwd<i>}, {@code loss_inv<i>}: the local losses (graph outputs)</li>
 * </ul>
 */
public final class AssociatedNames {
    /** Training-graph input: features {@code [b, ...]}. */
    public static final String FEATURES = "features";
    /** Training-graph input: one-hot labels {@code [b, numClasses]}. */
    public static final String LABELS = "labels";

    private AssociatedNames() {
    }

    /** @param i block (1-based) @return the vertex holding s_i */
    public static String s(int i) {
        return "f" + i;
    }

    /** @param i block @param j layer of f_i (1-based), not the last @return its name */
    public static String fLayer(int i, int j) {
        return "f" + i + "_" + j;
    }

    /** @param i block @return the vertex holding t_i (t_0 is {@link #LABELS}) */
    public static String t(int i) {
        return i == 0 ? LABELS : "g" + i;
    }

    /** @param i block @return the bridge's output vertex */
    public static String bridge(int i) {
        return "b" + i;
    }

    /** @param i block @param j hidden layer of b_i (1-based) @return its name */
    public static String bridgeLayer(int i, int j) {
        return "b" + i + "_" + j;
    }

    /** @param i block @return the vertex holding h_i(t_i) */
    public static String inverse(int i) {
        return "h" + i;
    }

    /** @param i block @return the stop-gradient copy of s_i */
    public static String sgS(int i) {
        return "sg_s" + i;
    }

    /** @param i block @return the stop-gradient copy of t_i */
    public static String sgT(int i) {
        return "sg_t" + i;
    }

    /** @param i block @return the forward (association) loss output */
    public static String forwardLoss(int i) {
        return "loss_fwd" + i;
    }

    /** @param i block @return the inverse loss output */
    public static String inverseLoss(int i) {
        return "loss_inv" + i;
    }

    /** @param i block @return b_i(s_i) − sg(t_i) */
    static String forwardDiff(int i) {
        return "diff_fwd" + i;
    }

    /** @param i block @return h_i(t_i) − sg(t_{i−1}) */
    static String inverseDiff(int i) {
        return "diff_inv" + i;
    }

    /**
     * @param vertex a layer name of an AL graph
     * @return the block that owns it (1-based), or 0 when it belongs to no block
     */
    public static int blockOf(String vertex) {
        if (vertex.length() < 2 || "fghb".indexOf(vertex.charAt(0)) < 0) {
            return 0;
        }
        int end = 1;
        while (end < vertex.length() && Character.isDigit(vertex.charAt(end))) {
            end++;
        }
        if (end == 1 || (end < vertex.length() && vertex.charAt(end) != '_')) {
            return 0;
        }
        return Integer.parseInt(vertex.substring(1, end));
    }
}
