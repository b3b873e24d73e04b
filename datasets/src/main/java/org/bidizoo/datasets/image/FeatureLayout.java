package org.bidizoo.datasets.image;

/** How image features are shaped in a minibatch. */
public enum FeatureLayout {
    /** {@code [batch, channels*height*width]}, for dense networks */
    FLAT,
    /** {@code [batch, channels, height, width]}, for convolutional networks */
    NCHW
}
