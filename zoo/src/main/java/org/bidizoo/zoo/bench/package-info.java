/** Throughput measurements. */
package org.bidizoo.zoo.bench;
