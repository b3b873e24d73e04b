package org.bidizoo.layers.updater;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam (Kingma and Ba) computing exactly what DL4J's {@code Adam} computes, with BLAS and
 * element-wise ops instead of libnd4j's fused {@code adam_updater} kernel, which on this class of
 * CPU takes about 6.5 ns per parameter (1.7 ms per step for a 268k-parameter Lmser, a quarter of a
 * training step). A drop-in {@link IUpdater}: {@code .updater(new FastAdam(1e-3))}.
 *
 * <p>With t the iteration counted from 0: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², and the update is
 * α·m/(√v + ε) with α = lr·√(1−β₂^(t+1))/(1−β₁^(t+1)). State: {@code [m | v]}, each the size of the
 * parameters. The no-arg constructor and setters exist for JSON.
 */
public class FastAdam implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double learningRate = 1e-3;
    private ISchedule learningRateSchedule;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;

    /** Adam with learning rate 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8 (DL4J's defaults). */
    public FastAdam() {
    }

    /** @param learningRate the learning rate, {@code > 0} */
    public FastAdam(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate = " + learningRate + ", expected > 0");
        }
        this.learningRate = learningRate;
    }

    /** @param schedule the learning-rate schedule */
    public FastAdam(ISchedule schedule) {
        this.learningRateSchedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        FastAdamUpdater u = new FastAdamUpdater(this);
        long n = viewArray.length() / 2;
        u.setStateViewArray(viewArray, new long[] {1, n}, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        FastAdamUpdater u = new FastAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public FastAdam clone() {
        FastAdam c = new FastAdam();
        c.learningRate = learningRate;
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        c.beta1 = beta1;
        c.beta2 = beta2;
        c.epsilon = epsilon;
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    /** @return the fixed learning rate (used when there is no schedule) */
    public double getLearningRate() {
        return learningRate;
    }

    /** @param learningRate the fixed learning rate */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** @return the learning-rate schedule, or null */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    /** @param learningRateSchedule the learning-rate schedule, or null */
    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    /** @return β₁ */
    public double getBeta1() {
        return beta1;
    }

    /** @param beta1 β₁ */
    public void setBeta1(double beta1) {
        this.beta1 = beta1;
    }

    /** @return β₂ */
    public double getBeta2() {
        return beta2;
    }

    /** @param beta2 β₂ */
    public void setBeta2(double beta2) {
        this.beta2 = beta2;
    }

    /** @return ε */
    public double getEpsilon() {
        return epsilon;
    }

    /** @param epsilon ε */
    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FastAdam)) {
            return false;
        }
        FastAdam a = (FastAdam) o;
        return learningRate == a.learningRate && beta1 == a.beta1 && beta2 == a.beta2 && epsilon == a.epsilon
                && Objects.equals(learningRateSchedule, a.learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "FastAdam(lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate) + ", beta1=" + beta1
                + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }
}
