/** Reading IDX files (the MNIST format), raw or gzip, with header validation. */
package org.bidizoo.datasets.idx;
