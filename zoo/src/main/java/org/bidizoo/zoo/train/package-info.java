/** Training loop with checkpoints, and test-set evaluation. */
package org.bidizoo.zoo.train;
