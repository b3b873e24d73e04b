package org.bidizoo.zoo.model;

/**
 * Trained weights of the Associated Learning zoo models; see {@link ZooWeights}. Only the backprop twin of the CNN
 * ships: the AL models' files (50–93 MB) are too large to ship and have no host to serve them.
 */
public enum AssociatedWeights implements ZooWeights {
    /** The backprop twin of al-cnn on MNIST. */
    AL_CNN_BP_MNIST_V1("al-cnn-bp/MNIST_V1"),
    /** The backprop twin of al-cnn on Fashion-MNIST. */
    AL_CNN_BP_FASHION_MNIST_V1("al-cnn-bp/FASHION_MNIST_V1");

    /** The family's default. */
    public static final AssociatedWeights DEFAULT = AL_CNN_BP_MNIST_V1;

    private final String id;

    AssociatedWeights(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
