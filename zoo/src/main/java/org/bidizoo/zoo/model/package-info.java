/** Zoo models: Lmser dense and convolutional, their feed-forward baselines, and the registry. */
package org.bidizoo.zoo.model;
