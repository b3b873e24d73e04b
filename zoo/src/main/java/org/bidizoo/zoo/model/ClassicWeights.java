package org.bidizoo.zoo.model;

/**
 * Trained weights of seed 004's classic systems: the autoencoder family ({@code ae-*}, {@code stacked-ae},
 * {@code stacked-dae}) and the RBMs ({@code rbm-binary}, {@code rbm-gaussian}); see {@link ZooWeights}. The DBN has none (too large to ship).
 */
public enum ClassicWeights implements ZooWeights {
    /** The weight-regularized autoencoder (L2 on the weights) on MNIST. */
    AE_L2_MNIST_V1("ae-l2/MNIST_V1"),
    /** The weight-regularized autoencoder (L2 on the weights) on Fashion-MNIST. */
    AE_L2_FASHION_MNIST_V1("ae-l2/FASHION_MNIST_V1"),
    /** The sparse autoencoder, L1 on the code on MNIST. */
    AE_SPARSE_L1_MNIST_V1("ae-sparse-l1/MNIST_V1"),
    /** The sparse autoencoder, L1 on the code on Fashion-MNIST. */
    AE_SPARSE_L1_FASHION_MNIST_V1("ae-sparse-l1/FASHION_MNIST_V1"),
    /** The sparse autoencoder, KL to a target activation on MNIST. */
    AE_SPARSE_KL_MNIST_V1("ae-sparse-kl/MNIST_V1"),
    /** The sparse autoencoder, KL to a target activation on Fashion-MNIST. */
    AE_SPARSE_KL_FASHION_MNIST_V1("ae-sparse-kl/FASHION_MNIST_V1"),
    /** The denoising autoencoder, Gaussian noise on MNIST. */
    AE_DENOISING_GAUSSIAN_MNIST_V1("ae-denoising-gaussian/MNIST_V1"),
    /** The denoising autoencoder, Gaussian noise on Fashion-MNIST. */
    AE_DENOISING_GAUSSIAN_FASHION_MNIST_V1("ae-denoising-gaussian/FASHION_MNIST_V1"),
    /** The denoising autoencoder, salt-and-pepper noise on MNIST. */
    AE_DENOISING_SALT_PEPPER_MNIST_V1("ae-denoising-salt-pepper/MNIST_V1"),
    /** The denoising autoencoder, salt-and-pepper noise on Fashion-MNIST. */
    AE_DENOISING_SALT_PEPPER_FASHION_MNIST_V1("ae-denoising-salt-pepper/FASHION_MNIST_V1"),
    /** The denoising autoencoder, masking noise on MNIST. */
    AE_DENOISING_MASKING_MNIST_V1("ae-denoising-masking/MNIST_V1"),
    /** The denoising autoencoder, masking noise on Fashion-MNIST. */
    AE_DENOISING_MASKING_FASHION_MNIST_V1("ae-denoising-masking/FASHION_MNIST_V1"),
    /** The convolutional denoising autoencoder, masking noise on MNIST. */
    AE_CONV_DENOISING_MASKING_MNIST_V1("ae-conv-denoising-masking/MNIST_V1"),
    /** The convolutional denoising autoencoder, masking noise on Fashion-MNIST. */
    AE_CONV_DENOISING_MASKING_FASHION_MNIST_V1("ae-conv-denoising-masking/FASHION_MNIST_V1"),
    /** The contractive autoencoder on MNIST. */
    AE_CONTRACTIVE_MNIST_V1("ae-contractive/MNIST_V1"),
    /** The contractive autoencoder on Fashion-MNIST. */
    AE_CONTRACTIVE_FASHION_MNIST_V1("ae-contractive/FASHION_MNIST_V1"),
    /** The binary-visible RBM 784-500 on MNIST. */
    RBM_BINARY_MNIST_V1("rbm-binary/MNIST_V1"),
    /** The binary-visible RBM 784-500 on Fashion-MNIST. */
    RBM_BINARY_FASHION_MNIST_V1("rbm-binary/FASHION_MNIST_V1"),
    /** The Gaussian-visible RBM 784-500 on MNIST. */
    RBM_GAUSSIAN_MNIST_V1("rbm-gaussian/MNIST_V1"),
    /** The Gaussian-visible RBM 784-500 on Fashion-MNIST. */
    RBM_GAUSSIAN_FASHION_MNIST_V1("rbm-gaussian/FASHION_MNIST_V1"),
    /** The stacked autoencoder 784-128-64 tanh, levels trained greedily, on MNIST. */
    STACKED_AE_MNIST_V1("stacked-ae/MNIST_V1"),
    /** The stacked autoencoder 784-128-64 tanh, levels trained greedily, on Fashion-MNIST. */
    STACKED_AE_FASHION_MNIST_V1("stacked-ae/FASHION_MNIST_V1"),
    /** The stacked denoising autoencoder (masking 25% at every level) on MNIST. */
    STACKED_DAE_MNIST_V1("stacked-dae/MNIST_V1"),
    /** The stacked denoising autoencoder (masking 25% at every level) on Fashion-MNIST. */
    STACKED_DAE_FASHION_MNIST_V1("stacked-dae/FASHION_MNIST_V1");

    /** The MNIST weights of the denoising autoencoder with masking noise, the family's default. */
    public static final ClassicWeights DEFAULT = AE_DENOISING_MASKING_MNIST_V1;

    private final String id;

    ClassicWeights(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
