/** Gradients with respect to a network's input: the basis of the network inverse J(x)ᵀ f(x) and of FGSM. */
package org.bidizoo.layers.inversion;
