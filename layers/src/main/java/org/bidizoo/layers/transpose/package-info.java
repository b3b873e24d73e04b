/** Linear maps and their exact adjoints on shared weights: the transposed pass of Lmser and the network inverse. */
package org.bidizoo.layers.transpose;
