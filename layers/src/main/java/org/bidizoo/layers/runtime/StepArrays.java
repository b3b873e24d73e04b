package org.bidizoo.layers.runtime;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-step arrays of a hand-written runtime, allocated once outside every workspace and reused by
 * every later step of the same shape: no allocation, page fault or workspace bookkeeping per op. A
 * slot is named by an int key; asking for a slot with another shape or data type replaces its array.
 * The arrays are overwritten by the next pass, so a pass must never hand one to DL4J: outputs go
 * into fresh arrays in DL4J's workspaces. Not thread-safe (neither are DL4J's layers).
 */
public final class StepArrays {
    private static final int MAX_VIEWS = 64;

    private final Map<Integer, INDArray> slots = new HashMap<>();
    private final Map<INDArray, HostMemory> memory = new IdentityHashMap<>();

    /**
     * @param key   the slot
     * @param type  data type
     * @param shape shape (c order)
     * @return the slot's array, contents undefined (whatever the last pass left)
     */
    public INDArray get(int key, DataType type, long... shape) {
        INDArray a = slots.get(key);
        if (a != null && a.dataType() == type && java.util.Arrays.equals(a.shape(), shape)) {
            return a;
        }
        if (a != null) {
            memory.remove(a);
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            a = Nd4j.createUninitialized(type, shape, 'c');
        }
        slots.put(key, a);
        return a;
    }

    /**
     * Host-memory access to an array that lives as long as this object: a slot's array, or a parameter
     * or gradient view. Cached by identity, so use it for such long-lived arrays only.
     *
     * @param a the array
     * @return its memory
     */
    public HostMemory memory(INDArray a) {
        HostMemory m = memory.get(a);
        if (m == null) {
            if (memory.size() >= MAX_VIEWS) {
                memory.clear();
            }
            m = HostMemory.of(a);
            memory.put(a, m);
        }
        return m;
    }

    /** Drops every array (the next pass allocates again). */
    public void clear() {
        slots.clear();
        memory.clear();
    }
}
