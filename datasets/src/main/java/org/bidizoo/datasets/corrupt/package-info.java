/** Corruptions for recall and denoising (occlusion, Gaussian, salt-and-pepper, masking noise), each with its mask. */
package org.bidizoo.datasets.corrupt;
