/** Throughput measurements. */
package org.bidizoo.cli.bench;
