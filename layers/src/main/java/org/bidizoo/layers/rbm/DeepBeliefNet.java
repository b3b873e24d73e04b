package org.bidizoo.layers.rbm;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A deep belief network (seed 004, "Deep belief network"; Hinton, Osindero and Teh 2006) over a chain of
 * {@link RbmLayer}s in a {@link ComputationGraph}: RBM l reads the hidden means of RBM l − 1.
 *
 * <p><b>Training</b> is DL4J's: {@code graph.pretrain(iterator)} trains the RBMs greedily, bottom up, each on the
 * hidden means of the (fixed) ones below — seed 004's "greedy layer-by-layer training" — and {@code graph.fit}
 * then fine-tunes the same weights as a classifier (the RBM layers' forward pass is their hidden mean).
 *
 * <p><b>Generation</b> ({@link #sample}): the top two layers form an undirected RBM, the layers below a directed
 * sigmoid belief network. A sample is drawn by block Gibbs sampling in the top RBM, then one down-pass through the
 * lower RBMs' p(v | h) (sampled states in between, the mean at the pixels).
 *
 * <p><b>DBN versus deep Boltzmann machine</b> (seed 004, "The difference between a deep Boltzmann machine and a
 * deep belief network"). Both stack RBM-shaped layers. In a DBM every connection is undirected: one energy
 * E(x, h¹, …, hˡ) = −Σ (h^{i−1})ᵀWⁱhⁱ defines p(x, h¹, …, hˡ), so each hidden layer depends on the layers below
 * <em>and</em> above, inference needs iterative (mean-field) updates, and learning needs the gradient of one joint
 * log Z — slower the further a layer is from the data. In a DBN only the top pair is undirected; below it
 * p(x, h¹, …, hˡ) = p(x | h¹) Π p(h^k | h^{k+1}) p(h^{l−1}, hˡ) is a directed sigmoid belief net, which is what
 * makes greedy layer-wise RBM training a valid way to improve a bound on log p(x), and makes the up-pass q(h^k |
 * h^{k−1}) = sigm(W^k h^{k−1}) a single feed-forward sweep. bidizoo builds the DBN; a DBM is not provided.
 */
public final class DeepBeliefNet {
    private DeepBeliefNet() {
    }

    /**
     * @param graph a graph
     * @param names its RBM layers, bottom up
     * @return their runtimes
     * @throws IllegalArgumentException naming a layer that is missing or not an RBM, or two that do not chain
     */
    public static List<RbmLayerImpl> layers(ComputationGraph graph, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names: empty, expected the RBM layers bottom up");
        }
        List<RbmLayerImpl> out = new ArrayList<>();
        for (String n : names) {
            Layer l = graph.getVertex(n) == null ? null : graph.getVertex(n).getLayer();
            if (!(l instanceof RbmLayerImpl r)) {
                throw new IllegalArgumentException("layer '" + n + "': " + (l == null ? "not in the graph"
                        : l.getClass().getSimpleName()) + ", expected an RBM layer");
            }
            if (!out.isEmpty() && out.get(out.size() - 1).rbm().numHidden() != r.rbm().numVisible()) {
                throw new IllegalArgumentException("layer '" + n + "' has " + r.rbm().numVisible() + " visible units,"
                        + " but the RBM below it has " + out.get(out.size() - 1).rbm().numHidden() + " hidden units");
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The DBN's mean-field reconstruction: hidden means up through every RBM, then visible means down through every
     * RBM (no sampling), the DBN watched as an autoencoder.
     *
     * @param rbms the RBMs bottom up ({@link #layers})
     * @param x    images {@code [n, nVisible of the bottom RBM]}
     * @return their reconstructions, {@code [n, nVisible of the bottom RBM]}
     * @throws IllegalArgumentException if x's width is not the bottom RBM's visible size
     */
    public static INDArray reconstruct(List<RbmLayerImpl> rbms, INDArray x) {
        Rbm bottom = rbms.get(0).rbm();
        if (x.rank() != 2 || x.size(1) != bottom.numVisible()) {
            throw new IllegalArgumentException("x: shape " + java.util.Arrays.toString(x.shape()) + ", expected [n, "
                    + bottom.numVisible() + "]");
        }
        INDArray h = x.castTo(bottom.weights().dataType());
        for (RbmLayerImpl l : rbms) {
            h = l.rbm().hiddenMean(h);
        }
        for (int l = rbms.size() - 1; l >= 0; l--) {
            h = rbms.get(l).rbm().visibleMean(h);
        }
        return h;
    }

    /**
     * Draws samples from the DBN.
     *
     * @param rbms       the RBMs bottom up ({@link #layers})
     * @param start      images {@code [n, nVisible of the bottom RBM]} whose up-pass starts the top chain, or null
     *                   for a chain started from uniform random binary states
     * @param n          samples (used when start is null)
     * @param gibbsSteps block Gibbs steps in the top RBM, {@code >= 1}
     * @return E[x | h¹] of each sample, {@code [n, nVisible of the bottom RBM]}
     * @throws IllegalArgumentException naming gibbsSteps or n when below 1
     */
    public static INDArray sample(List<RbmLayerImpl> rbms, INDArray start, int n, int gibbsSteps) {
        if (gibbsSteps < 1) {
            throw new IllegalArgumentException("gibbsSteps = " + gibbsSteps + ", expected >= 1");
        }
        Rbm top = rbms.get(rbms.size() - 1).rbm();
        INDArray v;
        if (start != null) {
            v = start.castTo(top.weights().dataType());
            for (int l = 0; l < rbms.size() - 1; l++) {
                v = rbms.get(l).rbm().hiddenMean(v);
            }
        } else {
            if (n < 1) {
                throw new IllegalArgumentException("n = " + n + ", expected >= 1 samples");
            }
            v = top.sampleHidden(Nd4j.valueArrayOf(new long[] {n, top.numVisible()}, 0.5,
                    top.weights().dataType()));
        }
        for (int s = 0; s < gibbsSteps; s++) {
            v = top.gibbs(v);
        }
        if (rbms.size() == 1) {
            return top.visibleMean(top.sampleHidden(top.hiddenMean(v)));
        }
        INDArray h = v;
        for (int l = rbms.size() - 2; l >= 0; l--) {
            Rbm r = rbms.get(l).rbm();
            INDArray mean = r.visibleMean(h);
            h = l == 0 ? mean : r.sampleVisible(mean);
        }
        return h;
    }

    /**
     * @param rbm an RBM
     * @return its filters, one row per hidden unit {@code [nHidden, nVisible]}, each scaled to [0, 1] (for
     *         drawing)
     */
    public static INDArray filters(Rbm rbm) {
        INDArray f = rbm.weights().transpose().dup();
        for (int j = 0; j < f.size(0); j++) {
            INDArray row = f.getRow(j);
            double lo = row.minNumber().doubleValue();
            double hi = row.maxNumber().doubleValue();
            row.subi(lo).divi(hi > lo ? hi - lo : 1.0);
        }
        return f;
    }
}
