package org.bidizoo.zoo.deconvnet;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reused ND4J workspace for the temporaries of one ISTA/FISTA iteration, one filter update or one evaluation
 * chunk. Without it every iteration allocates fresh off-heap arrays that only the garbage collector frees; their
 * Java wrappers are tiny, so the heap rarely fills and, with JavaCPP's memory check off (as the {@code bidizoo}
 * launcher sets it), a training run grew past 20 GB in minutes and was killed. State that outlives a scope lives
 * in arrays allocated outside it and is {@code assign}ed.
 */
final class Scratch {
    private static final WorkspaceConfiguration CONF = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.2).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    private Scratch() {
    }

    /**
     * @param id the workspace's name (one per use)
     * @return the open workspace; close it to release the scope
     */
    static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONF, id);
    }
}
