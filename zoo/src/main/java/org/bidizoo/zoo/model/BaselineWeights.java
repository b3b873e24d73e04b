package org.bidizoo.zoo.model;

/** Trained weights of the feed-forward baselines ({@code fcn}, {@code cnn}); see {@link ZooWeights}. */
public enum BaselineWeights implements ZooWeights {
    /** The dense classifier on MNIST. */
    FCN_MNIST_V1("fcn/MNIST_V1"),
    /** The dense classifier on Fashion-MNIST. */
    FCN_FASHION_MNIST_V1("fcn/FASHION_MNIST_V1"),
    /** The convolutional classifier on MNIST. */
    CNN_MNIST_V1("cnn/MNIST_V1"),
    /** The convolutional classifier on Fashion-MNIST. */
    CNN_FASHION_MNIST_V1("cnn/FASHION_MNIST_V1");

    /** The MNIST weights of the convolutional classifier, the family's default. */
    public static final BaselineWeights DEFAULT = CNN_MNIST_V1;

    private final String id;

    BaselineWeights(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
