/** Updaters: a faster Adam with DL4J's exact semantics. */
package org.bidizoo.layers.updater;
