package org.bidizoo.layers.runtime;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Workspace handling shared by our hand-written layer runtimes: where a pass allocates its arrays and
 * how its results reach DL4J's workspaces. A training forward pass allocates in the activations
 * workspace, which stays open until the backward pass that follows it, so the backward pass can reuse
 * the forward pass's arrays and every step reuses the memory of the step before.
 */
public final class LayerWorkspaces {
    private LayerWorkspaces() {
    }

    /**
     * @param type an array type
     * @param mgr  the layer's workspace manager
     * @return the workspace of that type, borrowed, if it is open; else a scope outside all workspaces
     */
    public static MemoryWorkspace scope(ArrayType type, LayerWorkspaceMgr mgr) {
        if (mgr.isScopedOut(type) || !mgr.isWorkspaceOpen(type)) {
            return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        }
        return mgr.notifyScopeBorrowed(type);
    }

    /**
     * @param type an array type
     * @param a    an array
     * @param mgr  the layer's workspace manager
     * @return {@code a} in the workspace of that type if it is open, else detached from all workspaces
     */
    public static INDArray moveTo(ArrayType type, INDArray a, LayerWorkspaceMgr mgr) {
        if (mgr.isScopedOut(type) || !mgr.isWorkspaceOpen(type)) {
            return a.isAttached() ? a.detach() : a;
        }
        return mgr.leverageTo(type, a);
    }
}
