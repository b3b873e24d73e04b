/** Images with labels in memory, and loading the known IDX datasets into them. */
package org.bidizoo.datasets.image;
