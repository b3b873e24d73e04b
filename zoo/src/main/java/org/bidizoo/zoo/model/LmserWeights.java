package org.bidizoo.zoo.model;

/** Trained weights of the Lmser zoo models ({@code lmser-dense}, {@code lmser-conv}); see {@link ZooWeights}. */
public enum LmserWeights implements ZooWeights {
    /** Lmser(un) dense on MNIST. */
    LMSER_DENSE_UN_MNIST_V1("lmser-dense-un/MNIST_V1"),
    /** Lmser(un-n) dense on MNIST. */
    LMSER_DENSE_UN_N_MNIST_V1("lmser-dense-un-n/MNIST_V1"),
    /** The autoencoder (Lmser with DCW and DPN off) dense on MNIST. */
    LMSER_DENSE_AE_MNIST_V1("lmser-dense-ae/MNIST_V1"),
    /** Lmser(sup) dense on MNIST. */
    LMSER_DENSE_SUP_MNIST_V1("lmser-dense-sup/MNIST_V1"),
    /** Lmser(sup) with style units, dense, on MNIST. */
    LMSER_DENSE_SUP_N_MNIST_V1("lmser-dense-sup-n/MNIST_V1"),
    /** Lmser(un) convolutional on MNIST. */
    LMSER_CONV_UN_MNIST_V1("lmser-conv-un/MNIST_V1"),
    /** Lmser(sup) convolutional on MNIST. */
    LMSER_CONV_SUP_MNIST_V1("lmser-conv-sup/MNIST_V1"),
    /** Lmser(un) dense on Fashion-MNIST. */
    LMSER_DENSE_UN_FASHION_MNIST_V1("lmser-dense-un/FASHION_MNIST_V1"),
    /** Lmser(sup) dense on Fashion-MNIST. */
    LMSER_DENSE_SUP_FASHION_MNIST_V1("lmser-dense-sup/FASHION_MNIST_V1"),
    /** Lmser(un) convolutional on Fashion-MNIST. */
    LMSER_CONV_UN_FASHION_MNIST_V1("lmser-conv-un/FASHION_MNIST_V1"),
    /** Lmser(sup) convolutional on Fashion-MNIST. */
    LMSER_CONV_SUP_FASHION_MNIST_V1("lmser-conv-sup/FASHION_MNIST_V1");

    /** The MNIST weights of the dense Lmser(un), the family's default. */
    public static final LmserWeights DEFAULT = LMSER_DENSE_UN_MNIST_V1;

    private final String id;

    LmserWeights(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
