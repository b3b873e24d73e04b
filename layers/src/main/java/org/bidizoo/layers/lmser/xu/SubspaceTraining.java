package org.bidizoo.layers.lmser.xu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a {@link SubspaceRule} online on samples of a {@link KnownCovariance}:
 * {@code W ← W + η · direction(W, minibatch)}, recording the angles to the leading eigenvectors.
 */
public final class SubspaceTraining {
    private SubspaceTraining() {
    }

    /**
     * The learning curve.
     *
     * @param samples      samples seen at each record
     * @param largestAngle largest principal angle to the leading subspace, degrees
     * @param columnAngles per record, the angle of each unit to its own eigenvector, degrees
     * @param weights      the final weights {@code [n, k]}
     */
    public record Curve(long[] samples, double[] largestAngle, double[][] columnAngles, INDArray weights) {
    }

    /**
     * @param rule        the rule
     * @param w0          initial weights {@code [n, k]} (copied)
     * @param data        the data
     * @param rnd         randomness of the samples
     * @param rate        learning rate η {@code > 0}
     * @param batch       samples per step {@code >= 1}
     * @param steps       steps {@code >= 1}
     * @param recordEvery record every this many steps {@code >= 1} (and at step 0)
     * @return the curve
     */
    public static Curve run(SubspaceRule rule, INDArray w0, KnownCovariance data, Random rnd, double rate, int batch,
                            int steps, int recordEvery) {
        if (!(rate > 0) || batch < 1 || steps < 1 || recordEvery < 1) {
            throw new IllegalArgumentException("rate = " + rate + ", batch = " + batch + ", steps = " + steps
                    + ", recordEvery = " + recordEvery + "; expected rate > 0 and the others >= 1");
        }
        if (w0.rows() != data.dimension()) {
            throw new IllegalArgumentException("w0 has " + w0.rows() + " rows; expected the data dimension "
                    + data.dimension());
        }
        INDArray w = w0.dup();
        INDArray ref = data.eigenvectors((int) w.columns());
        List<Long> seen = new ArrayList<>();
        List<Double> largest = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (int t = 0; t <= steps; t++) {
            if (t % recordEvery == 0 || t == steps) {
                seen.add((long) t * batch);
                largest.add(SubspaceAngles.largestPrincipalAngle(w, ref));
                cols.add(SubspaceAngles.columnAngles(w, ref));
            }
            if (t < steps) {
                w.addi(rule.direction(w, data.sample(batch, rnd)).muli(rate));
            }
        }
        return new Curve(seen.stream().mapToLong(Long::longValue).toArray(),
                largest.stream().mapToDouble(Double::doubleValue).toArray(), cols.toArray(new double[0][]), w);
    }
}
