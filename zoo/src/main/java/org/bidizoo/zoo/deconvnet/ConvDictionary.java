package org.bidizoo.zoo.deconvnet;

import org.bidizoo.layers.runtime.ConvKernels;
import org.bidizoo.layers.transpose.ConvGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The filters f_{i,k} of a deconvolutional network as a linear map D from feature maps to images:
 * D(z)_k = Σ_i z_i ∗ f_{i,k}, a valid convolution of {@code [b, K, H+k−1, W+k−1]} maps with
 * {@code [k, k, K, C]} filters giving {@code [b, C, H, W]} images, and its adjoint Dᵀ (the transposed
 * convolution). Each filter f_i = (f_{i,1}, …, f_{i,C}) has unit Euclidean norm.
 */
public final class ConvDictionary {
    private final INDArray filters;
    private final ConvGeometry geometry;

    /**
     * @param filters {@code [k, k, K, C]}, square; used as given (see {@link #normalize})
     */
    public ConvDictionary(INDArray filters) {
        if (filters.rank() != 4 || filters.size(0) != filters.size(1)) {
            throw new IllegalArgumentException("filters: shape " + java.util.Arrays.toString(filters.shape())
                    + "; expected [k, k, maps, channels]");
        }
        this.filters = filters;
        this.geometry = new ConvGeometry((int) filters.size(0), 1, 0);
    }

    /**
     * @param maps     K
     * @param channels C
     * @param kernel   k
     * @param type     data type
     * @param seed     seed
     * @return Gaussian random filters scaled to unit norm
     */
    public static ConvDictionary random(int maps, int channels, int kernel, DataType type, long seed) {
        INDArray f = gaussian(new long[] {kernel, kernel, maps, channels}, seed).castTo(type);
        return new ConvDictionary(normalize(f));
    }

    /**
     * Standard normal values from {@link java.util.Random}: ND4J's {@code getNewRandomInstance} allocates a native
     * state buffer per call that only the garbage collector frees, which ran a training process out of memory.
     */
    private static INDArray gaussian(long[] shape, long seed) {
        java.util.Random r = new java.util.Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    /**
     * @param f {@code [k, k, K, C]}, scaled in place
     * @return f with each filter (over k, k and C) at unit norm
     */
    public static INDArray normalize(INDArray f) {
        for (long i = 0; i < f.size(2); i++) {
            INDArray fi = f.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all());
            double n = fi.norm2Number().doubleValue();
            fi.divi(n > 0 ? n : 1);
        }
        return f;
    }

    /** @return the filters {@code [k, k, K, C]} (the live array) */
    public INDArray filters() {
        return filters;
    }

    /** @return K */
    public int maps() {
        return (int) filters.size(2);
    }

    /** @return C */
    public int channels() {
        return (int) filters.size(3);
    }

    /** @return k */
    public int kernel() {
        return (int) filters.size(0);
    }

    /**
     * @param images {@code [b, C, H, W]}
     * @return zero feature maps for them {@code [b, K, H+k−1, W+k−1]}
     */
    public INDArray zeroMaps(INDArray images) {
        return Nd4j.zeros(images.dataType(), images.size(0), maps(), images.size(2) + kernel() - 1,
                images.size(3) + kernel() - 1);
    }

    /**
     * @param z {@code [b, K, H+k−1, W+k−1]}
     * @return D(z) {@code [b, C, H, W]}
     */
    public INDArray decode(INDArray z) {
        return ConvKernels.conv(z, filters, null, geometry, geometry);
    }

    /**
     * @param r {@code [b, C, H, W]}
     * @return Dᵀ(r) {@code [b, K, H+k−1, W+k−1]}
     */
    public INDArray adjoint(INDArray r) {
        return ConvKernels.convT(r, filters, geometry, geometry, r.size(2) + kernel() - 1, r.size(3) + kernel() - 1);
    }

    /**
     * @param z maps {@code [b, K, H+k−1, W+k−1]}
     * @param r a gradient with respect to D(z) {@code [b, C, H, W]}
     * @return the gradient with respect to the filters, {@code [k, k, K, C]}
     */
    public INDArray filterGradient(INDArray z, INDArray r) {
        return ConvKernels.convBackward(z, filters, null, r, geometry, geometry)[1];
    }

    /**
     * ‖D‖², the largest eigenvalue of DᵀD, by power iteration on maps for one {@code H × W} image; the same for
     * every image of that size.
     *
     * @param height     H
     * @param width      W
     * @param iterations power iterations
     * @param seed       seed of the start vector
     * @return the estimate (from below)
     */
    public double normSquared(int height, int width, int iterations, long seed) {
        INDArray v = gaussian(new long[] {1, maps(), height + kernel() - 1, width + kernel() - 1}, seed)
                .castTo(filters.dataType());
        double est = 0;
        for (int i = 0; i < iterations; i++) {
            v.divi(v.norm2Number().doubleValue());
            INDArray w = adjoint(decode(v));
            est = w.norm2Number().doubleValue();
            v = w;
        }
        return est;
    }

    /**
     * ‖Z‖², the largest eigenvalue of the filters' Gram map F ↦ ∂/∂F ½‖D_F(z)‖² for fixed maps z, by power
     * iteration: the Lipschitz constant of a filter gradient step (times λ).
     *
     * @param z          maps
     * @param iterations power iterations
     * @return the estimate (from below)
     */
    public double filterNormSquared(INDArray z, int iterations) {
        INDArray v = filters.dup();
        double est = 0;
        for (int i = 0; i < iterations; i++) {
            v.divi(v.norm2Number().doubleValue() + 1e-30);
            ConvDictionary d = new ConvDictionary(v);
            INDArray w = d.filterGradient(z, d.decode(z));
            est = w.norm2Number().doubleValue();
            v = w;
        }
        return est;
    }

    /** @return a copy with its own filter array */
    public ConvDictionary copy() {
        return new ConvDictionary(filters.dup());
    }

    /**
     * @param z maps
     * @return the element count of z and the fraction of its entries that are exactly zero
     */
    public static double zeroFraction(INDArray z) {
        return 1 - Transforms.abs(z, true).gt(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / z.length();
    }
}
