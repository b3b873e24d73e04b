/**
 * Quality measures of hidden representations and their maps: class separation
 * ({@link org.bidizoo.ui.metrics.ClassDistances}, seed 003's Table 3.4) and neighbourhood preservation
 * ({@link org.bidizoo.ui.metrics.Trustworthiness}).
 */
package org.bidizoo.ui.metrics;
