/** Updaters: a faster Adam with DL4J's exact semantics; updater blocks that skip an empty regularization pass. */
package org.bidizoo.layers.updater;
