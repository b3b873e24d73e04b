package org.bidizoo.zoo.model;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.bidizoo.layers.updater.FastAdam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The settings every zoo model shares: input shape, classes, seed, data type and the Adam
 * learning-rate schedule. Immutable; {@link Builder#build()} validates.
 */
public final class ModelSettings {
    private final int[] inputShape;
    private final int numClasses;
    private final long seed;
    private final DataType dataType;
    private final double learningRate;
    private final double learningRateDecay;
    private final double labelWeight;

    private ModelSettings(Builder b) {
        this.inputShape = b.inputShape.clone();
        this.numClasses = b.numClasses;
        this.seed = b.seed;
        this.dataType = b.dataType;
        this.learningRate = b.learningRate;
        this.learningRateDecay = b.learningRateDecay;
        this.labelWeight = b.labelWeight;
    }

    /** @return a builder with the defaults: 1×28×28, 10 classes, seed 12345, float, the model's learning rate, no decay */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder().inputShape(inputShape[0], inputShape[1], inputShape[2]).numClasses(numClasses).seed(seed)
                .dataType(dataType).learningRate(learningRate).learningRateDecay(learningRateDecay).labelWeight(labelWeight);
    }

    /** @return {@code [channels, height, width]} (a copy) */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** @return channels × height × width */
    public int inputSize() {
        return inputShape[0] * inputShape[1] * inputShape[2];
    }

    /** @return number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return the seed for weight initialisation */
    public long seed() {
        return seed;
    }

    /** @return the network's data type */
    public DataType dataType() {
        return dataType;
    }

    /** @return the initial Adam learning rate, or NaN when the model's own default applies */
    public double learningRate() {
        return learningRate;
    }

    /**
     * @param modelDefaultLearningRate the model's own default
     * @return the initial learning rate in use: the one set, else the model's default
     */
    public double learningRate(double modelDefaultLearningRate) {
        return Double.isNaN(learningRate) ? modelDefaultLearningRate : learningRate;
    }

    /** @return weight of the classification loss against the reconstruction loss in Lmser(sup) (default 1) */
    public double labelWeight() {
        return labelWeight;
    }

    /** @return the per-iteration learning-rate factor (1 = constant) */
    public double learningRateDecay() {
        return learningRateDecay;
    }

    /**
     * @param modelDefaultLearningRate the model's own default, used when no learning rate was set
     * @return Adam ({@link FastAdam}: DL4J's Adam, computed faster) with the learning rate, decayed per
     *         iteration when the decay is below 1
     */
    public IUpdater updater(double modelDefaultLearningRate) {
        double lr = learningRate(modelDefaultLearningRate);
        return learningRateDecay >= 1.0 ? new FastAdam(lr)
                : new FastAdam(new ExponentialSchedule(ScheduleType.ITERATION, lr, learningRateDecay));
    }

    @Override
    public String toString() {
        return "input " + Arrays.toString(inputShape) + ", " + numClasses + " classes, seed " + seed + ", " + dataType
                + ", Adam " + (Double.isNaN(learningRate) ? "model default" : String.valueOf(learningRate)) + (learningRateDecay < 1 ? " x " + learningRateDecay + "^t" : "");
    }

    /** Builder; {@link #build()} names any bad value. */
    public static final class Builder {
        private int[] inputShape = {1, 28, 28};
        private int numClasses = 10;
        private long seed = 12345;
        private DataType dataType = DataType.FLOAT;
        private double learningRate = Double.NaN;
        private double learningRateDecay = 1.0;
        private double labelWeight = 1.0;

        /** @param w weight of the cross-entropy against ½‖x − x̂‖² in Lmser(sup), {@code > 0} (default 1, Eq. 4) @return this */
        public Builder labelWeight(double w) {
            this.labelWeight = w;
            return this;
        }

        /** @param c channels @param h height @param w width @return this */
        public Builder inputShape(int c, int h, int w) {
            this.inputShape = new int[] {c, h, w};
            return this;
        }

        /** @param n classes (default 10) @return this */
        public Builder numClasses(int n) {
            this.numClasses = n;
            return this;
        }

        /** @param seed weight-initialisation seed (default 12345) @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param dt FLOAT (default) or DOUBLE @return this */
        public Builder dataType(DataType dt) {
            this.dataType = dt;
            return this;
        }

        /** @param lr initial Adam learning rate (default: the model's, 1e-3 for most) @return this */
        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** @param decay per-iteration factor in (0, 1] (default 1; the Lmser paper used 0.9999) @return this */
        public Builder learningRateDecay(double decay) {
            this.learningRateDecay = decay;
            return this;
        }

        /** @return the settings @throws IllegalArgumentException naming the bad value */
        public ModelSettings build() {
            for (int d : inputShape) {
                if (d < 1) {
                    throw new IllegalArgumentException("inputShape = " + Arrays.toString(inputShape)
                            + ", expected positive [channels, height, width]");
                }
            }
            if (numClasses < 2) {
                throw new IllegalArgumentException("numClasses = " + numClasses + ", expected >= 2");
            }
            if (!Double.isNaN(learningRate) && (!(learningRate > 0) || Double.isInfinite(learningRate))) {
                throw new IllegalArgumentException("learningRate = " + learningRate + ", expected a positive number");
            }
            if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
                throw new IllegalArgumentException("learningRateDecay = " + learningRateDecay + ", expected in (0, 1]");
            }
            if (!(labelWeight > 0) || Double.isInfinite(labelWeight)) {
                throw new IllegalArgumentException("labelWeight = " + labelWeight + ", expected a positive number");
            }
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw new IllegalArgumentException("dataType = " + dataType + ", expected FLOAT or DOUBLE");
            }
            return new ModelSettings(this);
        }
    }
}
