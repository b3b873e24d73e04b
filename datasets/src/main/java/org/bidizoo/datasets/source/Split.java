package org.bidizoo.datasets.source;

/** The published train/test split of a dataset. */
public enum Split {
    /** the training set */
    TRAIN,
    /** the test set */
    TEST
}
