package org.bidizoo.layers.inversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bidizoo.layers.transpose.LinearMap;

/**
 * Per-example shapes through an {@link InvertibleNet}: {@code shape(i)} is the input of step i,
 * {@code shape(steps)} the logits {@code [numClasses]}; and the shapes of each step's weights. Steps with weights
 * take their shapes from their {@link LinearMap}.
 */
public final class InvertibleShapes {
    private final List<long[]> shapes;
    private final List<InvertibleStep> steps;
    private final List<String> floors;

    private InvertibleShapes(List<long[]> shapes, List<InvertibleStep> steps, List<String> floors) {
        this.floors = floors;
        this.shapes = shapes;
        this.steps = steps;
    }

    /**
     * @param input per-example input shape, {@code [C, H, W]} or {@code [n]}
     * @param steps the steps, the last one dense (the logits)
     * @return the shapes
     * @throws IllegalArgumentException naming the step that cannot take its input
     */
    public static InvertibleShapes of(long[] input, List<InvertibleStep> steps) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("steps: expected at least one step, the last one dense (the logits)");
        }
        if (steps.get(steps.size() - 1).getKind() != InvertibleStep.Kind.DENSE) {
            throw new IllegalArgumentException("steps: the last step must be dense (it gives the logits f(x)), got "
                    + steps.get(steps.size() - 1));
        }
        List<long[]> out = new ArrayList<>();
        List<String> floors = new ArrayList<>();
        long[] s = input.clone();
        out.add(s);
        for (int i = 0; i < steps.size(); i++) {
            InvertibleStep st = steps.get(i).validated();
            switch (st.getKind()) {
                case CONV -> {
                    requireImage(i, st, s);
                    s = st.map(s[0]).outputShape(s, "step " + i + " (" + st + ")");
                }
                case DENSE -> s = st.map(0).outputShape(s, "step " + i + " (" + st + ")");
                case ACTIVATION -> s = s.clone();
                case POOL -> {
                    requireImage(i, st, s);
                    long[] in = s;
                    s = new long[] {s[0], s[1] / st.heightGeometry().kernel(), s[2] / st.getKernel()};
                    requirePositive(i, st, s);
                    long dropH = in[1] - s[1] * st.heightGeometry().kernel();
                    long dropW = in[2] - s[2] * st.getKernel();
                    if (dropH > 1 || dropW > 1) {
                        floors.add("step " + i + " (" + st + ") floors " + Arrays.toString(in) + " to "
                                + Arrays.toString(s) + ": the last " + dropH + " rows and " + dropW + " columns are not"
                                + " pooled, and J(x)^T f(x) is 0 there");
                    }
                }
                case RESIDUAL -> {
                    requireImage(i, st, s);
                    s = s.clone();
                }
                default -> throw new IllegalStateException(st.getKind().toString());
            }
            out.add(s);
        }
        return new InvertibleShapes(out, List.copyOf(steps), List.copyOf(floors));
    }

    private static void requireImage(int i, InvertibleStep st, long[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException("step " + i + " (" + st + ") needs a [C, H, W] input but gets "
                    + Arrays.toString(s) + "; put convolutional steps before dense ones and give the layer image input");
        }
    }

    private static void requirePositive(int i, InvertibleStep st, long[] s) {
        if (s[1] < 1 || s[2] < 1) {
            throw new IllegalArgumentException("step " + i + " (" + st + ") leaves an empty output " + Arrays.toString(s));
        }
    }

    /**
     * @return the pooling steps that drop more than one row or column of their input (pooling floors: 28 / 5 gives
     *         5 with 3 rows left over), described for a warning; an odd size pooled by 2 loses one and is not listed
     */
    public List<String> floors() {
        return floors;
    }

    /** @param i step index, 0..steps @return the per-example shape entering step i (i = steps: the logits) */
    public long[] shape(int i) {
        return shapes.get(i).clone();
    }

    /** @return number of steps */
    public int steps() {
        return steps.size();
    }

    /** @param i step index @return elements per example entering step i */
    public long size(int i) {
        return LinearMap.size(shapes.get(i));
    }

    /** @return logits per example */
    public long numClasses() {
        return size(steps.size());
    }

    /**
     * @param i a CONV, DENSE or RESIDUAL step
     * @return its weight shape: {@code [kH, kW, inC, outC]} ({@code kH = 1} for 1-D steps) or {@code [nIn, nOut]}
     *         (both residual convolutions alike)
     */
    public long[] weightShape(int i) {
        long[] in = shapes.get(i);
        return steps.get(i).map(in[0]).weightShape(in);
    }

    /** @param i a CONV, DENSE or RESIDUAL step @return its bias length */
    public long biasSize(int i) {
        long[] w = weightShape(i);
        return w[w.length - 1];
    }
}
