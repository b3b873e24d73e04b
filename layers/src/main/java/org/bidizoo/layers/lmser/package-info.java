/** Lmser: one layer holding a whole tied-weight encoder/decoder stack with paired neurons and reflections (seeds 000, 001). */
package org.bidizoo.layers.lmser;
