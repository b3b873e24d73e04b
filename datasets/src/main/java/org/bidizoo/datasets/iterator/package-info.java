/** DL4J DataSetIterators over images in memory. */
package org.bidizoo.datasets.iterator;
