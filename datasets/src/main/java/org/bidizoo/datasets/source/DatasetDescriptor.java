package org.bidizoo.datasets.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a dataset is: its name, image shape, classes, the four published files with their hashes,
 * where a system may already have installed them, and how to fetch them.
 *
 * <p>Immutable; build with {@link #builder(String)}.
 */
public final class DatasetDescriptor {
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final DataFile trainImages;
    private final DataFile trainLabels;
    private final DataFile testImages;
    private final DataFile testLabels;
    private final List<Path> systemDirs;
    private final DataSource source;

    private DatasetDescriptor(Builder b) {
        this.name = b.name;
        this.channels = b.channels;
        this.height = b.height;
        this.width = b.width;
        this.numClasses = b.numClasses;
        this.trainImages = b.trainImages;
        this.trainLabels = b.trainLabels;
        this.testImages = b.testImages;
        this.testLabels = b.testLabels;
        this.systemDirs = Collections.unmodifiableList(new ArrayList<>(b.systemDirs));
        this.source = b.source;
    }

    /** @param name the dataset's name, as the CLI spells it (e.g. {@code mnist}) */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the name, e.g. {@code mnist} */
    public String name() {
        return name;
    }

    /** @return channels per image (1 for MNIST) */
    public int channels() {
        return channels;
    }

    /** @return image height in pixels */
    public int height() {
        return height;
    }

    /** @return image width in pixels */
    public int width() {
        return width;
    }

    /** @return number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return {@code channels * height * width} */
    public int featureSize() {
        return channels * height * width;
    }

    /**
     * @param split train or test
     * @return the images file of that split
     */
    public DataFile images(Split split) {
        return split == Split.TRAIN ? trainImages : testImages;
    }

    /**
     * @param split train or test
     * @return the labels file of that split
     */
    public DataFile labels(Split split) {
        return split == Split.TRAIN ? trainLabels : testLabels;
    }

    /** @return all four files: train images, train labels, test images, test labels */
    public List<DataFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /** @return directories where a system package may have installed the files, searched in order */
    public List<Path> systemDirs() {
        return systemDirs;
    }

    /** @return how to fetch the files when no verified copy exists */
    public DataSource source() {
        return source;
    }

    /** Builder; {@link #build()} checks that every field is set and consistent. */
    public static final class Builder {
        private final String name;
        private int channels = -1;
        private int height = -1;
        private int width = -1;
        private int numClasses = -1;
        private DataFile trainImages;
        private DataFile trainLabels;
        private DataFile testImages;
        private DataFile testLabels;
        private final List<Path> systemDirs = new ArrayList<>();
        private DataSource source;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param channels channels per image
         * @param height   height in pixels
         * @param width    width in pixels
         * @return this
         */
        public Builder shape(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
            return this;
        }

        /** @param numClasses number of classes @return this */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** @param images train images file @param labels train labels file @return this */
        public Builder train(DataFile images, DataFile labels) {
            this.trainImages = images;
            this.trainLabels = labels;
            return this;
        }

        /** @param images test images file @param labels test labels file @return this */
        public Builder test(DataFile images, DataFile labels) {
            this.testImages = images;
            this.testLabels = labels;
            return this;
        }

        /** @param dir a directory where a system package installs the files @return this */
        public Builder systemDir(Path dir) {
            this.systemDirs.add(dir);
            return this;
        }

        /** @param source how to fetch the files @return this */
        public Builder source(DataSource source) {
            this.source = source;
            return this;
        }

        /** @return the descriptor @throws IllegalStateException naming the missing or bad field */
        public DatasetDescriptor build() {
            if (channels <= 0 || height <= 0 || width <= 0) {
                throw new IllegalStateException("dataset '" + name + "': shape must be positive, got ["
                        + channels + ", " + height + ", " + width + "]");
            }
            if (numClasses < 2) {
                throw new IllegalStateException("dataset '" + name + "': numClasses must be >= 2, got " + numClasses);
            }
            if (trainImages == null || trainLabels == null || testImages == null || testLabels == null) {
                throw new IllegalStateException("dataset '" + name + "': train and test files must both be set");
            }
            if (trainImages.count() != trainLabels.count() || testImages.count() != testLabels.count()) {
                throw new IllegalStateException("dataset '" + name + "': image and label counts differ");
            }
            if (source == null) {
                throw new IllegalStateException("dataset '" + name + "': source must be set");
            }
            return new DatasetDescriptor(this);
        }
    }
}
