/** What our hand-written layer runtimes (Lmser's dense passes, the inversion network's passes) share. */
package org.bidizoo.layers.runtime;
