/** The CIFAR-10 binary format reader. */
package org.bidizoo.datasets.cifar;
