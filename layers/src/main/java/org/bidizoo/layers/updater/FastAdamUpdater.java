package org.bidizoo.layers.updater;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.HashMap;
import java.util.Map;

import org.bidizoo.layers.runtime.AdamStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/** The state and update step of {@link FastAdam}. */
public class FastAdamUpdater implements GradientUpdater<FastAdam> {
    /** Key of the first-moment state. */
    public static final String M_STATE = "M";
    /** Key of the second-moment state. */
    public static final String V_STATE = "V";

    /** Whether arrays live in host memory (the CPU backend), so that the one-pass loop can touch them. */
    private static final boolean HOST_MEMORY = Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");

    private final FastAdam config;
    private INDArray m;
    private INDArray v;
    private INDArray scratch;

    /** @param config the hyperparameters */
    public FastAdamUpdater(FastAdam config) {
        this.config = config;
    }

    @Override
    public FastAdam getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (!stateMap.containsKey(M_STATE) || !stateMap.containsKey(V_STATE) || stateMap.size() != 2) {
            throw new IllegalStateException("FastAdam state must be exactly {M, V}, got " + stateMap.keySet());
        }
        this.m = stateMap.get(M_STATE);
        this.v = stateMap.get(V_STATE);
        if (initialize) {
            m.assign(0);
            v.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> r = new HashMap<>();
        r.put(M_STATE, m);
        r.put(V_STATE, v);
        return r;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVectorOrScalar()) {
            throw new IllegalArgumentException("FastAdam state must be a row vector, got shape "
                    + java.util.Arrays.toString(viewArray.shape()));
        }
        if (initialize) {
            viewArray.assign(0);
        }
        long n = viewArray.length() / 2;
        INDArray flat = viewArray.reshape(viewArray.length());
        this.m = flat.get(NDArrayIndex.interval(0, n));
        this.v = flat.get(NDArrayIndex.interval(n, 2 * n));
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null || v == null) {
            throw new IllegalStateException("FastAdam has not been initialised with its state");
        }
        double b1 = config.getBeta1();
        double b2 = config.getBeta2();
        double lr = config.getLearningRate(iteration, epoch);
        double alpha = lr * Math.sqrt(1 - Math.pow(b2, iteration + 1)) / (1 - Math.pow(b1, iteration + 1));
        if (Double.isNaN(alpha) || alpha == 0) {
            alpha = lr;
        }
        INDArray g = gradient.reshape(m.length()); // DL4J passes a contiguous vector: reshape is a view
        if (g.dataType() == m.dataType() && AdamStep.supports(g) && AdamStep.supports(m) && AdamStep.supports(v)) {
            // one pass over host memory: libnd4j's sqrt (and its fused Adam kernel) take ~20x longer per element here
            AdamStep.floats(g, m, v, b1, b2, alpha, config.getEpsilon());
            return;
        }
        if (HOST_MEMORY && contiguous(g) && contiguous(m) && contiguous(v) && g.dataType() == m.dataType()) {
            if (m.dataType() == DataType.DOUBLE) {
                doubleLoop(g, b1, b2, alpha);
                return;
            }
        }
        opsPath(g, b1, b2, alpha);
    }

    /** A rank-1 array with unit stride (its order flag is meaningless then). */
    private static boolean contiguous(INDArray a) {
        return a.rank() == 1 && a.stride(0) == 1;
    }

    private void doubleLoop(INDArray g, double b1, double b2, double alpha) {
        DoubleBuffer gb = g.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer mb = m.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer vb = v.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        int go = (int) g.offset();
        int mo = (int) m.offset();
        int vo = (int) v.offset();
        int n = (int) m.length();
        double eps = config.getEpsilon();
        for (int i = 0; i < n; i++) {
            double gi = gb.get(go + i);
            double mi = b1 * mb.get(mo + i) + (1 - b1) * gi;
            double vi = b2 * vb.get(vo + i) + (1 - b2) * gi * gi;
            mb.put(mo + i, mi);
            vb.put(vo + i, vi);
            gb.put(go + i, alpha * mi / (Math.sqrt(vi) + eps));
        }
    }

    /** The same step with ND4J ops, for device memory and non-contiguous arrays. */
    private void opsPath(INDArray g, double b1, double b2, double alpha) {
        if (scratch == null || scratch.length() != m.length() || scratch.dataType() != m.dataType()) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                scratch = Nd4j.createUninitialized(m.dataType(), m.length());
            }
        }
        m.muli(b1);
        Nd4j.getBlasWrapper().level1().axpy(m.length(), 1 - b1, g, m);
        scratch.assign(g).muli(g);
        v.muli(b2);
        Nd4j.getBlasWrapper().level1().axpy(v.length(), 1 - b2, scratch, v);
        Nd4j.exec(new Sqrt(v, scratch));
        scratch.addi(config.getEpsilon());
        g.assign(m).divi(scratch).muli(alpha);
    }
}
