package org.bidizoo.cli.experiment;

import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.layers.inversion.InputGradients;
import org.bidizoo.zoo.model.BidizooModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fast gradient sign method (Goodfellow et al.), as in seed 000's robustness comparison:
 * x' = clip(x + ε·sign(∇ₓ L(x, y)), 0, 1), one step. {@link Loss#LABEL} attacks the classification
 * loss only (for Lmser(sup) the reconstruction loss is held at zero gradient by using the model's own
 * reconstruction as its target); {@link Loss#TOTAL} attacks the model's whole training loss, Eq. 4
 * (reconstruction of the clean input plus cross-entropy), which is what "the gradient of the loss"
 * means for a jointly trained model.
 */
public final class Fgsm {
    /** Which loss the attack ascends. */
    public enum Loss {
        /** the cross-entropy of the label output */
        LABEL,
        /** the model's training loss: reconstruction of the clean input plus cross-entropy */
        TOTAL
    }

    /**
     * @param examples            test examples attacked
     * @param epsilon             ε
     * @param cleanAccuracy       accuracy on the clean test images
     * @param adversarialAccuracy accuracy on the attacked images
     */
    public record Result(int examples, double epsilon, double cleanAccuracy, double adversarialAccuracy) {
    }

    private Fgsm() {
    }

    /**
     * @param spec    a zoo model that classifies
     * @param graph   its trained graph
     * @param test    test iterator in the model's layout
     * @param epsilon ε, in (0, 1]
     * @param loss    which loss to ascend
     * @return clean and adversarial accuracy
     */
    public static Result attack(BidizooModel spec, ComputationGraph graph, ImageDataSetIterator test, double epsilon,
                                Loss loss) {
        if (!spec.classifies()) {
            throw new IllegalArgumentException("model " + spec.name() + " does not classify; FGSM needs a label output"
                    + " (use --variant sup for Lmser models, or fcn/cnn)");
        }
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("--eps = " + epsilon + ", expected in (0, 1]");
        }
        test.reset();
        long clean = 0;
        long adv = 0;
        int n = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            INDArray x = ds.getFeatures();
            INDArray y = ds.getLabels();
            INDArray[] out = graph.output(false, x);
            clean += correct(out[spec.labelOutput()], y);
            INDArray[] labels = new INDArray[out.length];
            labels[spec.labelOutput()] = y;
            if (spec.reconstructs()) {
                INDArray target = loss == Loss.TOTAL ? x : out[spec.reconstructionOutput()];
                labels[spec.reconstructionOutput()] = target.reshape(target.size(0), target.length() / target.size(0))
                        .dup();
            }
            INDArray grad = InputGradients.ofLoss(graph, x, labels);
            INDArray xAdv = x.add(Transforms.sign(grad, true).muli(epsilon));
            xAdv = Transforms.min(Transforms.max(xAdv, 0.0, false), 1.0, false);
            adv += correct(graph.output(false, xAdv)[spec.labelOutput()], y);
            n += (int) x.size(0);
        }
        return new Result(n, epsilon, (double) clean / n, (double) adv / n);
    }

    private static long correct(INDArray probs, INDArray y) {
        return probs.argMax(1).eq(y.argMax(1)).castTo(DataType.INT32).sumNumber().longValue();
    }
}
