/**
 * Quality measures of hidden representations and their maps: class separation
 * ({@link org.bidizoo.zoo.analysis.metrics.ClassDistances}, seed 003's Table 3.4) and neighbourhood preservation
 * ({@link org.bidizoo.zoo.analysis.metrics.Trustworthiness}).
 */
package org.bidizoo.zoo.analysis.metrics;
