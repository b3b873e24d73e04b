/**
 * What our hand-written layer runtimes (Lmser's dense passes, the inversion network's passes) share:
 * keeping a training pass for its backward pass ({@link org.bidizoo.layers.runtime.PassCache}),
 * DL4J's workspaces ({@link org.bidizoo.layers.runtime.LayerWorkspaces}), per-step arrays allocated
 * once ({@link org.bidizoo.layers.runtime.StepArrays}), fused element-wise loops and output-argument
 * GEMMs ({@link org.bidizoo.layers.runtime.Fused}), the convolution kernels
 * ({@link org.bidizoo.layers.runtime.ConvKernels}; a first level's one-channel convolutions by im2col/col2im and
 * OpenBLAS in {@code PlaneConv}), an optional input gradient
 * ({@link org.bidizoo.layers.runtime.InputGradientSwitch}), the native thread setting
 * ({@link org.bidizoo.layers.runtime.NativeThreads}) and the one-thread team for small native ops, the whole
 * team for large products and large memory-bound work ({@link org.bidizoo.layers.runtime.NativeTeam};
 * {@code LoopSplit} for the runtime's own loops).
 */
package org.bidizoo.layers.runtime;
