/**
 * Zeiler and Fergus's deconvnet visualizer for any DL4J CNN: the chain of convolution, activation and
 * max-pooling layers below a chosen convolution layer is read from the network, one feature map's
 * strongest activation is projected back to pixels (unpooling by the max-pool switches, ReLU, the
 * transposed filters), and the test images that activate each map most are found. The transposed pass
 * uses {@code layers.transpose} ({@code MaxPoolSwitches}, {@code ConvGeometry}, {@code ActivationAdjoint})
 * and {@code layers.runtime.ConvKernels}, as Lmser's and the inverse's hand-written passes do.
 */
package org.bidizoo.zoo.analysis.deconv;
