/** Generated 1-D signal classification tasks with a known structure. */
package org.bidizoo.datasets.signal;
