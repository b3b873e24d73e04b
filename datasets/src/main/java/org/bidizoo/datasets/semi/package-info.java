/** Semi-supervised minibatches: N labeled examples mixed with unlabeled ones under a label mask. */
package org.bidizoo.datasets.semi;
