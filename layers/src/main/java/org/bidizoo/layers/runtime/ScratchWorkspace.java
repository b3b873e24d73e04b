package org.bidizoo.layers.runtime;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reused ND4J workspace for the temporaries of one step of a hand-written loop outside DL4J's own workspaces
 * (a contrastive-divergence update, a block of the partition-function enumeration, an AIS step, an ISTA/FISTA
 * iteration of the deconvolutional network). Without it every step allocates fresh off-heap arrays that only the garbage
 * collector frees; their Java wrappers are tiny, so the heap rarely fills and, with JavaCPP's memory check off (as
 * the {@code bidizoo} launcher sets it), the process grew past 10 GB and was killed. Results that outlive the scope
 * are copied out ({@code detach}) or written into arrays allocated outside it.
 */
public final class ScratchWorkspace {
    private static final WorkspaceConfiguration CONF = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.2).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    private ScratchWorkspace() {
    }

    /**
     * @param id the workspace's name (one per use, per thread)
     * @return the open workspace; close it to release the scope (its memory is kept for the next use)
     */
    public static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONF, id);
    }
}
